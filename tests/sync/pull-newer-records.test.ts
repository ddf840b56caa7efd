/**
 * Forward compatibility (issue 11): a server holds kinds and body versions before the phones know
 * them (server first, then apps). An old build keeps such a change whole, as an opaque row, shows
 * it nowhere, keeps syncing everything else, and reads the row itself once the app updates.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { appRecordReader, type RecordReader } from '../../src/domain/change-envelope';
import { type GridRecord, RECORD_SCHEMA_VERSION } from '../../src/domain/record-envelope';
import { closeLocalDbs, countNotShown, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { pullAll, readOpaqueRecords } from '../../src/sync/pull';
import { editRecord } from '../../src/sync/record-factory';
import { sampleDispute, samplePatrol } from '../support/sample-records';

const BASE_URL = 'http://gridkeeper.test';
let devices = 0;

afterAll(() => closeLocalDbs());

/** A server that answers each pull with the next of `pages`, counting the requests. */
function serverOf(pages: unknown[]) {
  let requests = 0;
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = new URL(String(input));
    if (url.pathname !== '/api/sync/pull') throw new Error(`unexpected request ${url.pathname}`);
    const page = pages[Math.min(requests, pages.length - 1)];
    requests += 1;
    return new Response(JSON.stringify(page), { headers: { 'content-type': 'application/json' } });
  };
  return { deps: { fetch, baseUrl: BASE_URL }, requests: () => requests };
}

function device(): LocalDb {
  devices += 1;
  return openLocalDb(`newer-${devices}-${randomUUID()}`);
}

function synced<R extends GridRecord>(record: R, rev = 1): R {
  return { ...record, rev };
}

/** A record of a kind today's app does not know (路灯, a kind yet to come), as a newer server sends it. */
function streetLamp(id: string = randomUUID()) {
  return {
    ...synced(samplePatrol(id)),
    kind: 'streetLamp',
    schemaVersion: 1,
    body: { title: '路灯不亮', category: 'publicFacility', reportedAt: '2026-11-20T09:30:00.000+08:00' },
  };
}

/** A patrol log in a body version newer than this app knows: a field it has never seen. */
function futurePatrol(id: string = randomUUID(), rev = 1) {
  const patrol = synced(samplePatrol(id), rev);
  return { ...patrol, schemaVersion: RECORD_SCHEMA_VERSION + 1, body: { ...patrol.body, weather: '小雨' } };
}

/**
 * The next build, as far as these records go: it knows streetLamp and the newer patrol version, and
 * its schemas accept them as they are. (What is under test is how the device stores what a build
 * reads, not the next build's schemas.)
 */
const nextBuild: RecordReader = {
  knows: () => true,
  read: (change) => change as unknown as GridRecord,
};

const page = (changes: unknown[], cursor: string, extra: object = {}) => ({
  changes,
  cursor,
  hasMore: false,
  ackedSeq: 0,
  ...extra,
});

describe('a pull page holding a kind and a body version only a newer app knows', () => {
  it('applies the other records, moves the cursor, keeps the two opaque and counts them', async () => {
    const patrol = synced(samplePatrol(randomUUID()));
    const dispute = synced(sampleDispute(randomUUID()));
    const event = streetLamp();
    const future = futurePatrol();
    const db = device();
    const server = serverOf([page([patrol, event, future, dispute], 'c1')]);

    expect(await pullAll(server.deps, db, 'token', randomUUID())).toEqual({ kind: 'done', pulled: 2 });

    expect((await db.records.get(patrol.id))?.record).toEqual(patrol);
    expect((await db.records.get(dispute.id))?.record).toEqual(dispute);
    expect(await db.records.get(event.id)).toBeUndefined();
    expect(await db.records.get(future.id)).toBeUndefined();
    expect(await db.records.count()).toBe(2);
    expect((await db.meta.get('cursor'))?.value).toBe('c1');
    expect((await db.opaqueRecords.get(event.id))?.change).toEqual(event);
    expect((await db.opaqueRecords.get(future.id))?.change).toEqual(future);
    expect(await db.meta.get('unreadableRecords')).toBeUndefined();
    expect(await countNotShown(db)).toBe(2);

    // The app updates: the start-up pass of a build that reads them turns them into records.
    expect(await readOpaqueRecords(db, nextBuild)).toBe(2);
    expect(server.requests()).toBe(1);
    expect((await db.records.get(event.id))?.record).toEqual(event);
    expect((await db.records.get(future.id))?.record).toEqual(future);
    expect(await db.records.get(future.id)).toMatchObject({ syncState: 'synced', base: future });
    expect(await db.opaqueRecords.count()).toBe(0);
    expect(await countNotShown(db)).toBe(0);
  });

  it('leaves them opaque at start-up while the app still cannot read them', async () => {
    const event = streetLamp();
    const db = device();
    await pullAll(serverOf([page([event], 'c1')]).deps, db, 'token', randomUUID());

    expect(await readOpaqueRecords(db)).toBe(0);
    expect(await readOpaqueRecords(db, appRecordReader)).toBe(0);
    expect((await db.opaqueRecords.get(event.id))?.change).toEqual(event);
    expect(await db.records.count()).toBe(0);
  });

  it('counts opaque rows and unreadable records together', async () => {
    const broken = synced(sampleDispute(randomUUID()));
    broken.body.title = '楼上漏水\t邻里纠纷';
    const db = device();
    await pullAll(serverOf([page([streetLamp(), broken], 'c1')]).deps, db, 'token', randomUUID());

    expect((await db.meta.get('unreadableRecords'))?.value).toEqual({ ids: [broken.id] });
    expect(await db.opaqueRecords.count()).toBe(1);
    expect(await countNotShown(db)).toBe(2);
  });

  it('are settled by a later pull of the same id: a readable version, a tombstone, a removal', async () => {
    const readableLater = futurePatrol();
    const deletedLater = streetLamp();
    const removedLater = streetLamp();
    const db = device();
    const readable = synced(samplePatrol(readableLater.id), 2);
    const tombstone = { ...deletedLater, rev: 2, deleted: true };
    const server = serverOf([
      page([readableLater, deletedLater, removedLater], 'c1'),
      page([readable, tombstone], 'c2', { removed: [removedLater.id] }),
    ]);

    await pullAll(server.deps, db, 'token', randomUUID());
    expect(await db.opaqueRecords.count()).toBe(3);
    expect(await pullAll(server.deps, db, 'token', randomUUID())).toEqual({ kind: 'done', pulled: 1 });

    expect((await db.records.get(readable.id))?.record).toEqual(readable);
    expect(await db.opaqueRecords.count()).toBe(0);
    expect(await db.records.count()).toBe(1);
    expect(await countNotShown(db)).toBe(0);
  });

  it('replace a synced copy the device held, but never a record with a queued edit', async () => {
    const held = synced(samplePatrol(randomUUID()));
    const edited = synced(samplePatrol(randomUUID()));
    const db = device();
    const server = serverOf([
      page([held, edited], 'c1'),
      page([futurePatrol(held.id, 2), futurePatrol(edited.id, 2)], 'c2'),
    ]);
    await pullAll(server.deps, db, 'token', randomUUID());
    const mine = editRecord(edited, {
      body: { ...edited.body, content: '复查湖滨新寓3栋' },
      userId: 'u1',
      now: new Date(),
    });
    await saveRecord(db, mine);

    await pullAll(server.deps, db, 'token', randomUUID());
    // The synced copy is outdated and not shown; the edited one waits for its push, unchanged.
    expect(await db.records.get(held.id)).toBeUndefined();
    expect(await db.records.get(edited.id)).toMatchObject({ record: mine, base: edited });
    expect(await db.opaqueRecords.count()).toBe(2);

    // After the update the queued edit stays the user's version; the server's becomes its base.
    expect(await readOpaqueRecords(db, nextBuild)).toBe(2);
    expect(await db.records.get(edited.id)).toMatchObject({
      record: mine,
      base: futurePatrol(edited.id, 2),
      syncState: 'pending',
    });
    expect(await db.outbox.where('recordId').equals(edited.id).count()).toBe(1);
    expect((await db.records.get(held.id))?.record).toEqual(futurePatrol(held.id, 2));
  });

  it('a reset re-pull keeps only the opaque rows it met again', async () => {
    const met = streetLamp();
    const gone = streetLamp();
    const db = device();
    const server = serverOf([page([met, gone], 'c1'), page([met], 'c2', { reset: true })]);

    await pullAll(server.deps, db, 'token', randomUUID());
    await pullAll(server.deps, db, 'token', randomUUID());

    expect((await db.opaqueRecords.toCollection().primaryKeys()).sort()).toEqual([met.id]);
  });

  it('a change whose envelope is broken is unreadable, and the rest of its page applies', async () => {
    const patrol = synced(samplePatrol(randomUUID()));
    const noKind = { ...streetLamp(), kind: '' };
    const arrayBody = { ...streetLamp(), body: ['not', 'an', 'object'] };
    const db = device();
    const server = serverOf([page([noKind, patrol, arrayBody], 'c1')]);

    expect(await pullAll(server.deps, db, 'token', randomUUID())).toEqual({ kind: 'done', pulled: 1 });
    expect((await db.meta.get('unreadableRecords'))?.value).toEqual({ ids: [noKind.id, arrayBody.id] });
    expect(await db.opaqueRecords.count()).toBe(0);
  });
});
