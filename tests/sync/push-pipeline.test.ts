/**
 * The device's push of many records (issue 15): the next batch leaves as the previous answer
 * arrives, and the pull after the push does not store again what the push just settled. Neither
 * may cost a guarantee: a follower still waits for its predecessor's rev, a failed request loses
 * nothing, and a record the server stored other than as sent is still taken from the pull.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_MUTATIONS } from '../../src/domain/protocol';
import type { GridRecord, PatrolRecord } from '../../src/domain/record-envelope';
import { closeLocalDbs, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: Awaited<ReturnType<TestServer['login']>>;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

type Hook = (path: string, n: number, init: RequestInit | undefined) => Promise<Response | undefined>;

/** A phone whose requests `hook` may see first (n counts requests to that path) or answer itself. */
function phone(hook?: Hook) {
  counter += 1;
  const db = openLocalDb(`${worker.user.id}-pipeline-${counter}`);
  const counts = new Map<string, number>();
  const pushes: string[][] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    if (path === '/api/sync/push') {
      const body = JSON.parse(String(init?.body)) as { mutations: { record: { id: string } }[] };
      pushes.push(body.mutations.map((m) => m.record.id));
    }
    return (await hook?.(path, n, init)) ?? server.fetch(input, init);
  };
  return {
    db,
    pushes,
    sync: () => syncOnce({ db, token: worker.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL }),
  };
}

function patrol(content: string, userId = worker.user.id): PatrolRecord {
  const gridId = worker.user.scope.gridIds[0] ?? '';
  const body = { ...samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body, content };
  return newRecord('patrol', { gridId, body, userId, now: new Date() });
}

async function savePatrols(db: LocalDb, n: number, label: string): Promise<GridRecord[]> {
  const saved: GridRecord[] = [];
  for (let i = 0; i < n; i++) saved.push(await saveRecord(db, patrol(`${label} ${i}`)));
  return saved;
}

async function serverRows(ids: readonly string[]) {
  return server.db.selectFrom('records').select(['id', 'rev', 'body']).where('id', 'in', ids).execute();
}

describe('device push', () => {
  it('does not store again, in the pull after the push, the records the push just settled', async () => {
    const other = phone();
    const theirs = await saveRecord(other.db, patrol('另一台手机的巡查'));
    expect((await other.sync()).status).toBe('ok');

    const writtenInPull: string[] = [];
    const device = phone(async (path, n) => {
      if (path !== '/api/sync/pull' || n !== 1) return undefined;
      // Every row written from here on is the pull's.
      device.db.records.hook('creating', (id) => {
        writtenInPull.push(String(id));
      });
      device.db.records.hook('updating', (_changes, id) => {
        writtenInPull.push(String(id));
      });
      return undefined;
    });
    const mine = await savePatrols(device.db, 3, '本机巡查');
    const outcome = await device.sync();

    expect(outcome).toMatchObject({ status: 'ok', pushed: 3 });
    // The pull wrote the other phone's record; mine it already held as synced.
    expect(writtenInPull).toContain(theirs.id);
    expect(writtenInPull.filter((id) => mine.some((record) => record.id === id))).toEqual([]);
    expect(await device.db.records.get(theirs.id)).toMatchObject({ syncState: 'synced', record: { rev: 1 } });
    for (const record of mine) {
      const row = await device.db.records.get(record.id);
      expect(row).toMatchObject({ syncState: 'synced', record: { rev: 1 }, base: { rev: 1 } });
    }
    expect(await device.db.outbox.count()).toBe(0);
  });

  it('takes the server’s copy from the pull when the server stored the record other than as sent', async () => {
    const device = phone();
    // The server stamps updatedBy with the pusher, whatever the device wrote there.
    const record = await saveRecord(device.db, patrol('署名不对的巡查', 'someone-else'));
    expect((await device.sync()).status).toBe('ok');
    const row = await device.db.records.get(record.id);
    expect(row?.record.updatedBy).toBe(worker.user.id);
    expect(row?.base?.updatedBy).toBe(worker.user.id);
  });

  it('sends a record’s later edit only after its first push is answered, across batches in flight', async () => {
    let edited: GridRecord | undefined;
    const device = phone(async (path, n) => {
      if (path !== '/api/sync/push' || n !== 1 || !first) return undefined;
      // While the first batch is at the server, the user edits a record in it.
      const current = (await device.db.records.get(first.id))?.record as PatrolRecord;
      edited = await saveRecord(
        device.db,
        editRecord(current, {
          body: { ...current.body, content: '在途时修改' },
          userId: worker.user.id,
          now: new Date(),
        }),
      );
      return undefined;
    });
    const saved = await savePatrols(device.db, MAX_PUSH_MUTATIONS + 20, '批量');
    const [first] = saved;
    if (!first) throw new Error('nothing saved');

    const outcome = await device.sync();

    expect(outcome).toMatchObject({ status: 'ok', pushed: MAX_PUSH_MUTATIONS + 21 });
    expect(edited).toBeDefined();
    // The second batch was taken while the first was out: it holds none of the first's records.
    expect(device.pushes.map((ids) => ids.length)).toEqual([MAX_PUSH_MUTATIONS, 20, 1]);
    expect(device.pushes[2]).toEqual([first.id]);
    const rows = await serverRows(saved.map((record) => record.id));
    expect(rows).toHaveLength(saved.length);
    expect(rows.find((row) => row.id === first.id)?.rev).toBe(2);
    expect(await device.db.records.get(first.id)).toMatchObject({
      syncState: 'synced',
      record: { rev: 2, body: { content: '在途时修改' } },
    });
    expect(await device.db.outbox.count()).toBe(0);
    expect(await device.db.records.where('syncState').notEqual('synced').count()).toBe(0);
  });

  it('keeps what was answered when a later request fails, and delivers the rest once on the next pass', async () => {
    let failSecond = true;
    const device = phone(async (path, n) => {
      if (path !== '/api/sync/push' || n !== 2 || !failSecond) return undefined;
      failSecond = false;
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'down' } }), { status: 500 });
    });
    const saved = await savePatrols(device.db, MAX_PUSH_MUTATIONS + 30, '中断');

    expect(await device.sync()).toMatchObject({ status: 'error', reason: 'server' });
    expect(await device.db.records.where('syncState').equals('synced').count()).toBe(MAX_PUSH_MUTATIONS);
    expect(await device.db.outbox.count()).toBe(30);
    expect(await serverRows(saved.map((record) => record.id))).toHaveLength(MAX_PUSH_MUTATIONS);

    expect(await device.sync()).toMatchObject({ status: 'ok', pushed: 30 });
    expect(await device.db.outbox.count()).toBe(0);
    const rows = await serverRows(saved.map((record) => record.id));
    expect(rows).toHaveLength(saved.length);
    expect(rows.every((row) => row.rev === 1)).toBe(true);
  });
});
