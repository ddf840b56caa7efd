/**
 * The PIN is never stored: only a salted PBKDF2-SHA-256 hash (WebCrypto), with its salt and
 * iteration count, so the count can rise later without locking anyone out. A six-digit PIN has a
 * million values, so the hash only slows an offline guess at a copied database; what guards the
 * app is the attempt limit (app-lock.ts) and, below it, the phone's own storage encryption.
 */

/** About half a second on a cheap phone: paid once per unlock, not per screen. */
export const PIN_HASH_ITERATIONS = 300_000;
const SALT_BYTES = 16;

export interface PinHash {
  /** base64 */
  salt: string;
  /** base64 of 32 bytes */
  hash: string;
  iterations: number;
}

export async function hashPin(pin: string, iterations = PIN_HASH_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)), iterations };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const derived = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  // Constant time over the bytes: no early exit that a timer could see.
  let difference = derived.length ^ expected.length;
  for (let i = 0; i < expected.length; i += 1) difference |= (derived[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
