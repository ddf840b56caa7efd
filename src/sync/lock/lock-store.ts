/**
 * The app lock's rows on the device, one per user: the PIN's hash, the wrong attempts so far (kept,
 * so a reload does not reset the count), and the platform credential registered for 指纹/面容解锁.
 * Plus the one notice the login screen owes the user after a forced sign-out (too many wrong PINs,
 * or a remote wipe). Its own small database: the service worker never opens it, and a user's
 * device database (local-db.ts) can be emptied without touching it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { PinHash } from './pin-hash';

export interface LockRow {
  userId: string;
  pin?: PinHash;
  /** Wrong PIN attempts since the last unlock (counted before the PIN is checked). */
  failures: number;
  /** base64url id of the WebAuthn platform credential made on this device for this user. */
  credentialId?: string;
}

/** Why the user was signed out without asking, for the login screen. */
export type SignOutReason = 'pin-attempts' | 'forgot-pin' | 'wiped';

export interface NoticeRow {
  key: 'signedOut';
  reason: SignOutReason;
  at: string;
}

class LockDb extends Dexie {
  locks!: EntityTable<LockRow, 'userId'>;
  notices!: EntityTable<NoticeRow, 'key'>;
  constructor() {
    super('gridkeeper-lock');
    this.version(1).stores({ locks: 'userId', notices: 'key' });
  }
}

let lockDb: LockDb | undefined;
function db(): LockDb {
  lockDb ??= new LockDb();
  return lockDb;
}

export function loadLock(userId: string): Promise<LockRow | undefined> {
  return db().locks.get(userId);
}

/** Sets the user's PIN (and the platform credential made with it, if any); clears the attempts. */
export async function savePin(userId: string, pin: PinHash, credentialId?: string): Promise<void> {
  await db().transaction('rw', db().locks, async () => {
    const row = await db().locks.get(userId);
    await db().locks.put({ ...row, userId, pin, failures: 0, ...(credentialId ? { credentialId } : {}) });
  });
}

/** Counts one attempt, atomically, before the PIN is checked; answers the count now. */
export function countAttempt(userId: string): Promise<number> {
  return db().transaction('rw', db().locks, async () => {
    const row = await db().locks.get(userId);
    const failures = (row?.failures ?? 0) + 1;
    await db().locks.put({ ...row, userId, failures });
    return failures;
  });
}

export async function resetAttempts(userId: string): Promise<void> {
  await db().locks.update(userId, { failures: 0 });
}

/** Forgets the user's PIN, attempts and credential: the next sign-in sets a new PIN. */
export async function forgetLock(userId: string): Promise<void> {
  await db().locks.delete(userId);
}

export async function leaveNotice(reason: SignOutReason, at: Date): Promise<void> {
  await db().notices.put({ key: 'signedOut', reason, at: at.toISOString() });
}

export async function readNotice(): Promise<NoticeRow | undefined> {
  return db().notices.get('signedOut');
}

export async function clearNotice(): Promise<void> {
  await db().notices.delete('signedOut');
}

/** Closes the lock database (tests). */
export function closeLockDb(): void {
  lockDb?.close();
  lockDb = undefined;
}
