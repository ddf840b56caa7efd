/**
 * Slows down password guessing: after too many failed sign-ins for one account, or from one client
 * address, within a window, further attempts answer 429 `rate_limited` until the window is over.
 * The counts live in the database, so every server instance sees the same ones.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '../api-error';
import { clearThrottle, findThrottleCounts, recordThrottleFailure } from '../db/login-throttle.repository';
import type { Database } from '../db/schema';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures per account per window: a person mistyping gets several tries, a guesser very few. */
export const MAX_ACCOUNT_FAILURES = 5;
/** Failures per client address per window: a whole office behind one NAT still gets room. */
export const MAX_ADDRESS_FAILURES = 20;

export interface LoginAttempt {
  username: string;
  /** The client address, or undefined when unknown (in-process requests in tests). */
  address: string | undefined;
}

interface Key {
  key: string;
  limit: number;
}

function keysOf(attempt: LoginAttempt): Key[] {
  const keys: Key[] = [{ key: accountKey(attempt.username), limit: MAX_ACCOUNT_FAILURES }];
  if (attempt.address !== undefined)
    keys.push({ key: `address:${attempt.address}`, limit: MAX_ADDRESS_FAILURES });
  return keys;
}

function accountKey(username: string): string {
  return `account:${username}`;
}

function windowOpenAfter(now: Date): string {
  return new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
}

/** Throws 429 with the seconds to wait when the account or the address has used up its failures. */
export async function assertLoginAllowed(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now: Date,
): Promise<void> {
  const keys = keysOf(attempt);
  const counts = await findThrottleCounts(
    db,
    keys.map((k) => k.key),
    windowOpenAfter(now),
  );
  let retryAfterMs = 0;
  for (const count of counts) {
    const limit = keys.find((k) => k.key === count.key)?.limit ?? 0;
    if (count.failures >= limit)
      retryAfterMs = Math.max(retryAfterMs, Date.parse(count.windowStart) + LOGIN_WINDOW_MS - now.getTime());
  }
  if (retryAfterMs > 0) throw rateLimited(Math.ceil(retryAfterMs / 1000));
}

export function recordLoginFailure(db: Kysely<Database>, attempt: LoginAttempt, now: Date): Promise<void> {
  return recordThrottleFailure(
    db,
    keysOf(attempt).map((k) => k.key),
    now.toISOString(),
    windowOpenAfter(now),
  );
}

/** A successful sign-in clears the account's count (not the address's: one good account must not unlock guessing). */
export function recordLoginSuccess(db: Kysely<Database>, attempt: LoginAttempt): Promise<void> {
  return clearThrottle(db, accountKey(attempt.username));
}

function rateLimited(retryAfterSeconds: number): ApiError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(
    429,
    'rate_limited',
    `Too many failed sign-ins for this account or from this network; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
