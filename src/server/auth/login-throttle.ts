/**
 * Slows down password guessing without handing strangers a way to lock a worker out. An attempt is
 * counted before its password is checked, against three limits at once (README "Sign-in limits"):
 * - the account from one address: 5 per 15 minutes, the tight one that stops a guesser there;
 * - one address across accounts: 20 per 15 minutes (an office behind one NAT still has room);
 * - the account from everywhere: 50 per hour, which slows guessing spread over many addresses but
 *   takes more than one stranger's address to reach (one address gets about 20 an hour).
 * Past any limit the attempt answers 429 `rate_limited` and counts nowhere. The counts live in the
 * database, so every server instance sees the same ones.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '../api-error';
import {
  clearThrottle,
  clearThrottleWhere,
  pruneThrottle,
  refundThrottleSlots,
  reserveThrottleSlots,
  type ThrottleLimit,
  type ThrottleSlot,
} from '../db/login-throttle.repository';
import type { Database } from '../db/schema';
import { throttleAddress } from './throttle-address';

const MINUTE_MS = 60 * 1000;

/** Attempts per account from one address: a person mistyping gets several tries, a guesser very few. */
export const ACCOUNT_AT_ADDRESS = { max: 5, windowMs: 15 * MINUTE_MS } as const;
/** Attempts per client address across accounts. */
export const ADDRESS = { max: 20, windowMs: 15 * MINUTE_MS } as const;
/** Attempts per account across all addresses. */
export const ACCOUNT = { max: 50, windowMs: 60 * MINUTE_MS } as const;

const LONGEST_WINDOW_MS = Math.max(ACCOUNT_AT_ADDRESS.windowMs, ADDRESS.windowMs, ACCOUNT.windowMs);

export interface LoginAttempt {
  username: string;
  /** The client address, or undefined when unknown (in-process requests in tests). */
  address: string | undefined;
}

/** The attempt's counted slots, to give back what was not a failure. */
export interface LoginReservation {
  pairKey: string;
  slots: ThrottleSlot[];
}

function limitsOf(attempt: LoginAttempt): ThrottleLimit[] {
  // An unknown address is one address of its own for the pair, and counts for no address-wide limit.
  const address = attempt.address === undefined ? undefined : throttleAddress(attempt.address);
  const limits: ThrottleLimit[] = [
    { key: pairKey(attempt.username, address ?? 'unknown'), ...ACCOUNT_AT_ADDRESS },
    { key: accountKey(attempt.username), ...ACCOUNT },
  ];
  if (address !== undefined) limits.push({ key: `address:${address}`, ...ADDRESS });
  return limits;
}

function accountKey(username: string): string {
  return `account:${username}`;
}

function pairKey(username: string, address: string): string {
  // An address never holds '|', so no username can make two pairs meet.
  return `pair:${address}|${username}`;
}

/**
 * Counts the attempt against every limit before the password is checked, or throws 429 with the
 * seconds to wait (counting nothing) when one is used up.
 */
export async function reserveLoginAttempt(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now: Date,
): Promise<LoginReservation> {
  const limits = limitsOf(attempt);
  const reservation = await reserveThrottleSlots(db, limits, now);
  if (!reservation.granted) throw rateLimited(Math.ceil(reservation.retryAfterMs / 1000));
  return { pairKey: limits[0]?.key ?? '', slots: reservation.slots };
}

/** A wrong password: the attempt stays counted; windows that are over are dropped meanwhile. */
export function loginFailed(db: Kysely<Database>, now: Date): Promise<void> {
  return pruneThrottle(db, new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString());
}

/**
 * A right password clears the account's count at this address and gives back this attempt's slot
 * elsewhere; it does not clear the address's or the account-wide count, or one good sign-in would
 * unlock more guessing from that address or from everywhere.
 */
export async function loginSucceeded(db: Kysely<Database>, reservation: LoginReservation): Promise<void> {
  await refundThrottleSlots(
    db,
    reservation.slots.filter((slot) => slot.key !== reservation.pairKey),
  );
  await clearThrottle(db, reservation.pairKey);
}

/** The password was never checked (the server was busy, or failed): nothing is counted. */
export function loginNotChecked(db: Kysely<Database>, reservation: LoginReservation): Promise<void> {
  return refundThrottleSlots(db, reservation.slots);
}

/** An administrator's reset lifts the account's lockout, account-wide and at every address. */
export function liftAccountLockout(db: Kysely<Database>, username: string): Promise<void> {
  const account = accountKey(username);
  return clearThrottleWhere(
    db,
    (key) => key === account || (key.startsWith('pair:') && key.slice(key.indexOf('|') + 1) === username),
  );
}

function rateLimited(retryAfterSeconds: number): ApiError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(
    429,
    'rate_limited',
    `Too many failed sign-ins for this account or from this network; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );
}
