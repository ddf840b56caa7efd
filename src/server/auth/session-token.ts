import { createHash, randomBytes } from 'node:crypto';

/** 30 days: a worker may stay offline for days and must still be able to push afterwards. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A fresh bearer token: 32 random bytes, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
