import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { logout } from '../../../src/sync/auth-client';
import { closeLocalDbs, openLocalDb } from '../../../src/sync/local-db';
import { AppLock, LOCK_AFTER_HIDDEN_MS, MAX_PIN_ATTEMPTS } from '../../../src/sync/lock/app-lock';
import {
  closeLockDb,
  leaveNotice,
  loadLock,
  readNotice,
  type SignOutReason,
} from '../../../src/sync/lock/lock-store';
import { saveRecord } from '../../../src/sync/outbox';
import { newRecord } from '../../../src/sync/record-factory';
import { closeSessionDb, loadSession, storeSession } from '../../../src/sync/session-store';
import { samplePatrol } from '../../support/sample-records';

const PIN = '258036';
const MINUTE = 60_000;

let clock = 0;
let userCounter = 0;
let userId = '';
const signOuts: SignOutReason[] = [];
/** No network: the revocation call fails, as on a phone found in a drawer. */
const offline = { fetch: async () => Promise.reject(new TypeError('Failed to fetch')), baseUrl: '' };

function newLock(): AppLock {
  return new AppLock({
    now: () => clock,
    iterations: 1000,
    async signOut(reason) {
      signOuts.push(reason);
      await logout(offline);
      await leaveNotice(reason, new Date(clock));
    },
  });
}

async function signedIn(): Promise<void> {
  userCounter += 1;
  userId = `lock-user-${userCounter}`;
  await storeSession({
    token: 'a-token-of-sixteen-chars-or-more',
    user: { id: userId, name: '王丽', role: 'fullTimeGridWorker', scope: { gridIds: ['hb-g1'] } },
    expiresAt: '2099-01-01T00:00:00.000Z',
  });
}

beforeEach(async () => {
  clock = Date.parse('2026-11-27T01:00:00Z');
  signOuts.length = 0;
  await signedIn();
});
afterAll(() => {
  closeLocalDbs();
  closeSessionDb();
  closeLockDb();
});

/** A lock with the PIN set (first sign-in), then a cold start: a fresh lock, as after a reload. */
async function coldStartWithPin(): Promise<AppLock> {
  const first = newLock();
  await first.afterSignIn(userId);
  expect(await first.setPin(PIN)).toBeUndefined();
  const lock = newLock();
  await lock.start(userId);
  return lock;
}

describe('app lock', () => {
  it('asks for a PIN at the first sign-in on the device, refusing a trivial one', async () => {
    const lock = newLock();
    await lock.afterSignIn(userId);
    expect(lock.state).toBe('set-pin');
    expect(await lock.setPin('123456')).toBe('trivial');
    expect(await lock.setPin('2580')).toBe('length');
    expect(lock.state).toBe('set-pin');
    expect(await lock.setPin(PIN)).toBeUndefined();
    expect(lock.state).toBe('unlocked');
    const row = await loadLock(userId);
    expect(row?.pin?.hash).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(PIN);
  });

  it('locks on a cold start and opens with the right PIN', async () => {
    const lock = await coldStartWithPin();
    expect(lock.state).toBe('locked');
    expect(await lock.unlockWithPin('258037')).toEqual({ ok: false, attemptsLeft: MAX_PIN_ATTEMPTS - 1 });
    expect(lock.state).toBe('locked');
    expect(await lock.unlockWithPin(PIN)).toEqual({ ok: true });
    expect(lock.state).toBe('unlocked');
    expect((await loadLock(userId))?.failures).toBe(0);
  });

  it('opens straight after a sign-in with the password when a PIN is already set here', async () => {
    await coldStartWithPin();
    const lock = newLock();
    await lock.afterSignIn(userId);
    expect(lock.state).toBe('unlocked');
  });

  it('locks again after ten minutes in the background, not before', async () => {
    const lock = await coldStartWithPin();
    await lock.unlockWithPin(PIN);
    const seen: string[] = [];
    lock.subscribe((state) => seen.push(state));

    lock.hidden();
    clock += LOCK_AFTER_HIDDEN_MS - 1;
    lock.visible();
    expect(lock.state).toBe('unlocked');

    lock.hidden();
    clock += 10 * MINUTE;
    lock.visible();
    expect(lock.state).toBe('locked');
    expect(seen).toEqual(['locked']);

    // Back and forth quickly after unlocking: the time away is counted afresh each time.
    await lock.unlockWithPin(PIN);
    lock.hidden();
    clock += 6 * MINUTE;
    lock.visible();
    lock.hidden();
    clock += 6 * MINUTE;
    lock.visible();
    expect(lock.state).toBe('unlocked');
  });

  it('signs the user out after five wrong PINs, forgets the PIN and keeps every record', async () => {
    const lock = await coldStartWithPin();
    const db = openLocalDb(userId);
    const record = newRecord('patrol', {
      gridId: 'hb-g1',
      body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-0000000000a1').body,
      userId,
      now: new Date(clock),
    });
    await saveRecord(db, record);

    for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt += 1)
      expect(await lock.unlockWithPin('000001')).toEqual({
        ok: false,
        attemptsLeft: MAX_PIN_ATTEMPTS - attempt,
      });
    expect(signOuts).toEqual([]);
    expect(await lock.unlockWithPin('000001')).toEqual({ ok: false, signedOut: true });

    expect(signOuts).toEqual(['pin-attempts']);
    expect(lock.state).toBe('off');
    expect(await loadSession()).toBeUndefined();
    expect(await loadLock(userId)).toBeUndefined();
    expect(await readNotice()).toMatchObject({ reason: 'pin-attempts' });
    expect((await db.records.get(record.id))?.syncState).toBe('pending');
    expect(await db.outbox.where('recordId').equals(record.id).count()).toBe(1);

    // The next sign-in (with the password) sets a new PIN.
    await signedIn();
    const next = newLock();
    await next.afterSignIn(userId);
    expect(next.state).toBe('set-pin');
  });

  it('keeps the count of wrong PINs across a reload', async () => {
    const lock = await coldStartWithPin();
    for (let attempt = 0; attempt < 3; attempt += 1) await lock.unlockWithPin('000001');
    const reloaded = newLock();
    await reloaded.start(userId);
    expect(await reloaded.unlockWithPin('000001')).toEqual({ ok: false, attemptsLeft: 1 });
    expect(await reloaded.unlockWithPin(PIN)).toEqual({ ok: true });
  });

  it('signs out keeping the data on 忘记 PIN', async () => {
    const lock = await coldStartWithPin();
    await lock.forceSignOut('forgot-pin');
    expect(signOuts).toEqual(['forgot-pin']);
    expect(await loadSession()).toBeUndefined();
    expect(await loadLock(userId)).toBeUndefined();
  });

  it('unlocks with the platform authenticator only from the lock screen, and resets the count', async () => {
    const lock = await coldStartWithPin();
    await lock.unlockWithPin('000001');
    await lock.unlockWithPlatform();
    expect(lock.state).toBe('unlocked');
    expect((await loadLock(userId))?.failures).toBe(0);

    const fresh = newLock();
    await signedIn();
    await fresh.afterSignIn(userId);
    await fresh.unlockWithPlatform();
    expect(fresh.state).toBe('set-pin');
  });
});
