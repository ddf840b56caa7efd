import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { createConcurrencyLimiter, QueueFullError } from './concurrency-limiter';

/** scrypt cost: N=2^14, r=8, p=1 (OWASP's minimum for scrypt), 32-byte key, 16-byte salt. */
const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/**
 * Every scrypt in the process goes through here. Each one holds a libuv pool thread (4 by default,
 * shared with file reads such as photos) and 16 MiB for ~50 ms: unbounded, a burst of sign-ins fills
 * the pool and queues everything behind it. Two at a time leaves threads for the rest; 32 waiting is
 * about a second of work, and a sign-in beyond that is answered "busy" at once (QueueFullError).
 */
export const passwordHashing = createConcurrencyLimiter({ concurrency: 2, maxWaiting: 32 });

/**
 * A well-formed hash nobody knows a password for: checking an unknown user's password against it
 * costs the same scrypt as a real one, so both failures take the same time.
 */
export const DECOY_HASH =
  'scrypt$16384$8$1$skLFIWJ7xmqm3puydN-ttg$kLAsGa22bF6Qb2g-eiL1ugmXMsmO-jMU0vPD65RaWv4';

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

/**
 * `scrypt$N$r$p$<salt>$<hash>` (base64url), so the cost can rise later without breaking old hashes.
 * Rejects with QueueFullError when the hashing queue is full.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST.N, COST.r, COST.p);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether the password matches; a malformed stored hash never matches. Rejects with QueueFullError
 * when the hashing queue is full: then nothing was checked.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  try {
    const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
    return timingSafeEqual(key, expected);
  } catch (error) {
    if (error instanceof QueueFullError) throw error;
    return false;
  }
}
