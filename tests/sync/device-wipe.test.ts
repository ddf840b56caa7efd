/**
 * Remote wipe on the device: a sync pass (or a sign-out) that meets the server's 401 with
 * `wipe: true` empties every table of that user's database, the photo cache, the PIN and the
 * session; a plain revocation keeps everything for the next sign-in.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { revokeSessions } from '../../src/server/admin/admin-commands';
import { login, logout } from '../../src/sync/auth-client';
import { closeLocalDbs, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { closeLockDb, loadLock, readNotice, savePin } from '../../src/sync/lock/lock-store';
import { hashPin } from '../../src/sync/lock/pin-hash';
import { saveRecord } from '../../src/sync/outbox';
import { PHOTO_CACHE_NAME } from '../../src/sync/photo-cache';
import { newRecord } from '../../src/sync/record-factory';
import { closeSessionDb, loadSession } from '../../src/sync/session-store';
import { runSync } from '../../src/sync/sync-runner';
import { samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
const deletedCaches: string[] = [];

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
});
afterEach(() => {
  vi.unstubAllGlobals();
  deletedCaches.length = 0;
});
afterAll(async () => {
  closeLocalDbs();
  closeSessionDb();
  closeLockDb();
  await server.close();
});

const deps = () => ({ fetch: server.fetch, baseUrl: TEST_BASE_URL });
const admin = () => ({ db: server.db, now: () => new Date(), actor: 'cli:tester' });

/** Signs in on the device, and fills every table of the user's database with something. */
async function deviceWithData(username: string): Promise<{ userId: string; db: LocalDb; recordId: string }> {
  const result = await login(deps(), username, 'demo123456');
  if (!result.ok) throw new Error(`login ${username}: ${result.reason}`);
  const userId = result.session.user.id;
  const db = openLocalDb(userId);
  const record = newRecord('patrol', {
    gridId: result.session.user.scope.gridIds[0] ?? '',
    body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-0000000000b1').body,
    userId,
    now: new Date(),
  });
  await saveRecord(db, record);
  await db.meta.put({ key: 'activePatrolId', value: record.id });
  await db.photos.put({
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    bytes: new Uint8Array([1, 2, 3]).buffer,
    size: 3,
    recordId: record.id,
    createdAt: new Date().toISOString(),
    uploaded: 0,
  });
  await db.auditQueue.put({
    id: '0190a5d2-7a3b-7c4d-8e9f-0000000000c1',
    recordId: record.id,
    field: 'body.parties.0.phone',
    reason: 'other',
    reasonNote: '回访',
    at: new Date().toISOString(),
    offline: true,
    state: 'pending',
  });
  await db.drafts.put({
    key: 'dispute:new',
    state: { title: '楼上漏水' },
    gridId: record.gridId,
    baseRev: 0,
    droppedPhotos: 0,
    updatedAt: new Date().toISOString(),
  });
  await db.trackPoints.add({
    patrolId: record.id,
    segmentId: 's1',
    point: [118.75, 32.22, 0, 10],
  });
  await db.opaqueRecords.put({
    id: '0190a5d2-7a3b-7c4d-8e9f-0000000000d1',
    change: { ...record, id: '0190a5d2-7a3b-7c4d-8e9f-0000000000d1', kind: 'gridEvent', body: {} },
  });
  await savePin(userId, await hashPin('258036', 1000));
  for (const table of db.tables) expect(await table.count(), table.name).toBeGreaterThan(0);
  return { userId, db, recordId: record.id };
}

function stubCaches(): void {
  vi.stubGlobal('caches', {
    delete: async (name: string) => {
      deletedCaches.push(name);
      return true;
    },
  });
}

async function tableCounts(db: LocalDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}

describe('remote wipe on the device', () => {
  it('empties every store of the user at the next sync pass, and reports it', async () => {
    stubCaches();
    const bystander = openLocalDb('someone-else-on-this-phone');
    await bystander.meta.put({ key: 'cursor', value: 'kept' });
    const { userId, db } = await deviceWithData('hb-grid01');
    await revokeSessions(admin(), { username: 'hb-grid01', wipe: true });

    expect(await runSync(deps())).toEqual({ status: 'wiped' });

    const counts = await tableCounts(db);
    expect(Object.keys(counts).sort()).toEqual(
      [
        'auditQueue',
        'drafts',
        'grids',
        'meta',
        'opaqueRecords',
        'outbox',
        'photos',
        'records',
        'trackPoints',
      ].sort(),
    );
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(deletedCaches).toEqual([PHOTO_CACHE_NAME]);
    expect(await loadSession()).toBeUndefined();
    expect(await loadLock(userId)).toBeUndefined();
    expect(await readNotice()).toMatchObject({ reason: 'wiped' });
    expect((await bystander.meta.get('cursor'))?.value).toBe('kept');
    const acks = await server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'device.wiped')
      .execute();
    expect(acks.map((row) => row.user_id)).toEqual([userId]);
  });

  it('keeps everything after a plain revocation: the session is only marked expired', async () => {
    stubCaches();
    const { userId, db, recordId } = await deviceWithData('hb-grid02');
    const before = await tableCounts(db);
    await revokeSessions(admin(), { username: 'hb-grid02' });

    expect(await runSync(deps())).toEqual({ status: 'unauthorized' });

    const after = await tableCounts(db);
    expect({ ...after, meta: before.meta }).toEqual(before);
    expect((await db.records.get(recordId))?.syncState).toBe('pending');
    expect(deletedCaches).toEqual([]);
    expect(await loadSession()).toMatchObject({ expired: true });
    expect((await loadLock(userId))?.pin).toBeDefined();
  });

  it('wipes when the sign-out call is what meets the marker', async () => {
    stubCaches();
    const { db } = await deviceWithData('hb-leader');
    await revokeSessions(admin(), { username: 'hb-leader', wipe: true });

    await logout(deps());

    expect(Object.values(await tableCounts(db)).every((n) => n === 0)).toBe(true);
    expect(await loadSession()).toBeUndefined();
    expect(await readNotice()).toMatchObject({ reason: 'wiped' });
  });
});
