/**
 * 指纹/面容解锁 checks a WebAuthn assertion on the device itself, with no server round trip: the
 * goal is a local lock, so what matters is that the phone's platform authenticator verified the
 * user (the UV flag) for the credential this device registered, answering our fresh challenge on
 * our origin. The signature is not checked: whoever could forge an assertion here already runs
 * code in the page and could skip the lock altogether, so a signature check would add nothing.
 */

export interface AssertionParts {
  /** The id of the credential that answered. */
  rawId: ArrayBuffer;
  clientDataJSON: ArrayBuffer;
  authenticatorData: ArrayBuffer;
}

export interface Expected {
  /** base64url id stored when the credential was made. */
  credentialId: string;
  challenge: Uint8Array;
  origin: string;
}

/** Authenticator data flags (WebAuthn §6.1): user present, user verified. */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
/** The flags byte follows the 32-byte rpIdHash. */
const FLAGS_OFFSET = 32;

export function assertionVerifiesUser(parts: AssertionParts, expected: Expected): boolean {
  if (toBase64Url(new Uint8Array(parts.rawId)) !== expected.credentialId) return false;
  const flags = new Uint8Array(parts.authenticatorData)[FLAGS_OFFSET];
  if (flags === undefined || (flags & FLAG_UP) === 0 || (flags & FLAG_UV) === 0) return false;
  let clientData: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    clientData = JSON.parse(new TextDecoder().decode(parts.clientDataJSON));
  } catch {
    return false;
  }
  return (
    clientData.type === 'webauthn.get' &&
    clientData.challenge === toBase64Url(expected.challenge) &&
    clientData.origin === expected.origin
  );
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (char) =>
    char.charCodeAt(0),
  );
}
