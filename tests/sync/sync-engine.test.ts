import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { getClientId } from '../../src/sync/client-id';
import { closeLocalDbs, type LocalDb, openLocalDb, syncedRow } from '../../src/sync/local-db';
import { saveEdit, saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { queueReveal } from '../../src/sync/reveal-queue';
import { type SyncOutcome, syncOnce } from '../../src/sync/sync-engine';
import { validRecord } from '../../src/sync/valid-record';
import { faultyFetch } from '../support/faulty-fetch';
import { sampleDispute, samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let gridWorker: LoginResponse;
let police: LoginResponse;
let otherCommunity: LoginResponse;
let deviceCounter = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  gridWorker = await server.login('hb-grid01');
  police = await server.login('hb-police');
  otherCommunity = await server.login('tq-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

/** A fresh device database for `who`, as if on a new phone. */
function device(who: LoginResponse, fetchImpl: typeof fetch = server.fetch) {
  deviceCounter += 1;
  const db = openLocalDb(`${who.user.id}-device-${deviceCounter}`);
  return {
    db,
    sync: (): Promise<SyncOutcome> =>
      syncOnce({ db, token: who.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL }),
  };
}

function myGrid(who: LoginResponse): string {
  const grid = who.user.scope.gridIds[0];
  if (!grid) throw new Error(`${who.user.name} has no grid`);
  return grid;
}

function newPatrol(who: LoginResponse, content: string): GridRecord {
  const body = { ...samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body, content };
  return newRecord('patrol', { gridId: myGrid(who), body, userId: who.user.id, now: new Date() });
}

async function serverCopies(id: string): Promise<number> {
  const rows = await server.db.selectFrom('records').select('id').where('id', '=', id).execute();
  return rows.length;
}

async function visible(db: LocalDb, id: string) {
  return (await db.records.get(id))?.record;
}

describe('sync engine', () => {
  it('pushes records made offline and a second device in the community pulls them', async () => {
    const phone = device(gridWorker);
    const made = [
      await saveRecord(phone.db, newPatrol(gridWorker, '巡查一')),
      await saveRecord(
        phone.db,
        newRecord('dispute', {
          gridId: myGrid(gridWorker),
          body: sampleDispute('0190a5d2-7a3b-7c4d-8e9f-000000000002').body,
          userId: gridWorker.user.id,
          now: new Date(),
        }),
      ),
    ];
    expect(await phone.sync()).toMatchObject({ status: 'ok', pushed: 2 });
    expect(await phone.db.outbox.count()).toBe(0);
    for (const record of made) {
      const row = await phone.db.records.get(record.id);
      expect(row?.syncState).toBe('synced');
      expect(row?.record.rev).toBe(1);
    }

    const officer = device(police);
    expect((await officer.sync()).status).toBe('ok');
    for (const record of made) expect((await visible(officer.db, record.id))?.body).toEqual(record.body);

    const elsewhere = device(otherCommunity);
    await elsewhere.sync();
    for (const record of made) expect(await elsewhere.db.records.get(record.id)).toBeUndefined();
  });

  it('keeps the outbox when the server answers 500 and delivers on the next pass', async () => {
    const net = faultyFetch(server.fetch);
    const phone = device(gridWorker, net.fetch);
    const record = await saveRecord(phone.db, newPatrol(gridWorker, '500 之后重试'));
    net.inject('/api/sync/push', 'server-error');
    expect((await phone.sync()).status).toBe('error');
    expect(await phone.db.outbox.count()).toBe(1);
    expect((await phone.db.records.get(record.id))?.syncState).toBe('pending');
    expect(await serverCopies(record.id)).toBe(0);

    expect(await phone.db.meta.get('lastSyncError')).toMatchObject({ value: { kind: 'server' } });

    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await serverCopies(record.id)).toBe(1);
    // The current error clears; the log keeps it for whoever helps the worker later.
    expect(await phone.db.meta.get('lastSyncError')).toBeUndefined();
    expect((await phone.db.meta.get('syncErrorLog'))?.value).toEqual([
      expect.objectContaining({ kind: 'server', message: expect.stringContaining('500') }),
    ]);
  });

  it('does not duplicate when the push response is lost and the push is retried', async () => {
    const net = faultyFetch(server.fetch);
    const phone = device(gridWorker, net.fetch);
    const record = await saveRecord(phone.db, newPatrol(gridWorker, '响应丢失'));
    net.inject('/api/sync/push', 'lose-response');
    expect((await phone.sync()).status).toBe('offline');
    expect(net.delivered).toContain('/api/sync/push');
    expect(await serverCopies(record.id)).toBe(1);
    expect(await phone.db.outbox.count()).toBe(1);

    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await serverCopies(record.id)).toBe(1);
    const mutations = await server.db
      .selectFrom('mutations')
      .select('id')
      .where('record_id', '=', record.id)
      .execute();
    expect(mutations).toHaveLength(1);
    expect((await phone.db.records.get(record.id))?.record.rev).toBe(1);
  });

  it('confirms a mutation whose push response was lost from the pull (ackedSeq), without a replay', async () => {
    const net = faultyFetch(server.fetch);
    const phone = device(gridWorker, net.fetch);
    const record = await saveRecord(phone.db, newPatrol(gridWorker, '只靠拉取确认'));
    net.inject('/api/sync/push', 'lose-response');
    await phone.sync();
    expect(await phone.db.outbox.count()).toBe(1);

    const { pullAll } = await import('../../src/sync/pull');
    const { getClientId } = await import('../../src/sync/client-id');
    await pullAll(
      { fetch: net.fetch, baseUrl: TEST_BASE_URL },
      phone.db,
      gridWorker.token,
      await getClientId(phone.db),
    );
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await phone.db.records.get(record.id)).toMatchObject({ syncState: 'synced', record: { rev: 1 } });
    expect(net.delivered.filter((path) => path === '/api/sync/push')).toHaveLength(1);
  });

  it('rebases an edit made while the first push was in flight', async () => {
    const net = faultyFetch(server.fetch);
    const phone = device(gridWorker, net.fetch);
    const record = await saveRecord(phone.db, newPatrol(gridWorker, '第一版'));
    net.inject('/api/sync/push', 'lose-response');
    await phone.sync();
    const current = await visible(phone.db, record.id);
    if (!current) throw new Error('record missing');
    await saveRecord(
      phone.db,
      editRecord(current, {
        body: { ...current.body, content: '第二版' } as typeof current.body,
        userId: gridWorker.user.id,
        now: new Date(),
      }),
    );
    expect(await phone.db.outbox.count()).toBe(2);
    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.outbox.count()).toBe(0);
    const row = await phone.db.records.get(record.id);
    expect(row).toMatchObject({ syncState: 'synced', record: { rev: 2, body: { content: '第二版' } } });
  });

  it('lets a long first pull give way to an edit made during it: the edit is pushed before the next page', async () => {
    const requests: string[] = [];
    let phone: ReturnType<typeof device> | undefined;
    let made: GridRecord | undefined;
    // Pages of one record, so the community's demo data takes many pages; the edit comes after the first.
    const paged: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname === '/api/sync/pull') url.searchParams.set('limit', '1');
      requests.push(url.pathname);
      const response = await server.fetch(url.toString(), init);
      if (url.pathname === '/api/sync/pull' && !made && phone) {
        made = await saveRecord(phone.db, newPatrol(gridWorker, '拉取途中录入'));
      }
      return response;
    };
    phone = device(gridWorker, paged);

    const first = await phone.sync();
    expect(first).toMatchObject({ status: 'ok', pulled: 1, more: true });
    expect(requests).toEqual(['/api/sync/pull']);
    if (!made) throw new Error('no edit made during the pull');
    expect((await phone.db.records.get(made.id))?.syncState).toBe('pending');

    const second = await phone.sync();
    expect(second).toMatchObject({ status: 'ok', pushed: 1 });
    expect(requests.slice(0, 3)).toEqual(['/api/sync/pull', '/api/sync/push', '/api/sync/pull']);
    expect(await serverCopies(made.id)).toBe(1);
    // Nothing new since: the pull ran to the end of the community's records.
    expect(second).not.toHaveProperty('more');
    expect(requests.filter((path) => path === '/api/sync/pull').length).toBeGreaterThan(3);
    expect((await phone.db.records.get(made.id))?.syncState).toBe('synced');
  });

  it('runs again at once for a save made after its push ended (while it sent audit entries), not at the next poll', async () => {
    let phone: ReturnType<typeof device> | undefined;
    let made: GridRecord | undefined;
    const saving: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (new URL(String(input)).pathname === '/api/audit/reveals' && !made && phone) {
        made = await saveRecord(phone.db, newPatrol(gridWorker, '推送之后录入'));
      }
      return response;
    };
    phone = device(gridWorker, saving);
    const first = await saveRecord(phone.db, newPatrol(gridWorker, '第一条'));
    await queueReveal(
      phone.db,
      { recordId: first.id, field: 'body.content', reason: 'other', reasonNote: '核对' },
      { now: new Date(), online: true },
    );

    const pass = await phone.sync();
    expect(pass).toMatchObject({ status: 'ok', pushed: 1, more: true });
    if (!made) throw new Error('no save made during the pass');
    expect((await phone.db.records.get(made.id))?.syncState).toBe('pending');

    // The pass it asked for sends it, and asks for no other.
    const again = await phone.sync();
    expect(again).toMatchObject({ status: 'ok', pushed: 1 });
    expect(again).not.toHaveProperty('more');
    expect((await phone.db.records.get(made.id))?.syncState).toBe('synced');
  });

  it('marks a stale edit as a conflict, keeps both versions and applies nothing', async () => {
    const phoneA = device(gridWorker);
    const record = await saveRecord(phoneA.db, newPatrol(gridWorker, '原始'));
    await phoneA.sync();
    const phoneB = device(police);
    await phoneB.sync();

    const edit = async (db: LocalDb, who: LoginResponse, content: string) => {
      const current = await visible(db, record.id);
      if (!current) throw new Error('record missing');
      const body = { ...current.body, content } as typeof current.body;
      await saveRecord(db, editRecord(current, { body, userId: who.user.id, now: new Date() }));
    };
    await edit(phoneA.db, gridWorker, '网格员的修改');
    await edit(phoneB.db, police, '民警的修改');
    expect((await phoneA.sync()).status).toBe('ok');
    expect((await phoneB.sync()).status).toBe('ok');

    const row = await phoneB.db.records.get(record.id);
    expect(row?.syncState).toBe('conflict');
    expect(row?.record.body).toMatchObject({ content: '民警的修改' });
    expect(row?.theirs?.body).toMatchObject({ content: '网格员的修改' });
    expect(await phoneB.db.outbox.where('state').equals('conflict').count()).toBe(1);
    const onServer = await server.db
      .selectFrom('records')
      .select(['rev', 'body'])
      .where('id', '=', record.id)
      .executeTakeFirst();
    expect(onServer?.rev).toBe(2);
    expect(String(onServer?.body)).toContain('网格员的修改');
  });

  it('shows a rejection on its record and still delivers the others', async () => {
    const phone = device(gridWorker);
    const outside = newPatrol(gridWorker, '越界的记录');
    const good = await saveRecord(phone.db, newPatrol(gridWorker, '正常的记录'));
    await saveRecord(phone.db, { ...outside, gridId: myGrid(otherCommunity) });
    expect((await phone.sync()).status).toBe('ok');
    const rejected = await phone.db.records.get(outside.id);
    expect(rejected?.syncState).toBe('rejected');
    expect(rejected?.error?.code).toBe('forbidden');
    expect((await phone.db.records.get(good.id))?.syncState).toBe('synced');
    expect(await serverCopies(outside.id)).toBe(0);
  });

  it('tells the server, as it pulls after its push, how many records it still holds unsynced', async () => {
    const phone = device(gridWorker);
    const reported = async () => {
      const clientId = await getClientId(phone.db);
      return (
        await server.db.selectFrom('clients').select('unsynced').where('id', '=', clientId).executeTakeFirst()
      )?.unsynced;
    };
    await saveRecord(phone.db, newPatrol(gridWorker, '已同步的记录'));
    const outside = newPatrol(gridWorker, '越界的记录');
    await saveRecord(phone.db, { ...outside, gridId: myGrid(otherCommunity) });
    expect((await phone.sync()).status).toBe('ok');
    // The pushed one is synced by the time it pulls; the refused one is still the worker's to fix.
    expect(Number(await reported())).toBe(1);
    // The worker puts the refused record in their own grid and saves it again.
    const refused = (await phone.db.records.get(outside.id))?.record;
    if (!refused) throw new Error('the refused record is gone');
    const fixed = editRecord(refused, {
      body: refused.body,
      gridId: myGrid(gridWorker),
      userId: gridWorker.user.id,
      now: new Date(),
    });
    await saveEdit(phone.db, refused, validRecord(fixed));
    expect((await phone.sync()).status).toBe('ok');
    expect(Number(await reported())).toBe(0);
  });

  it('never overwrites a local edit with a pulled change', async () => {
    const phoneA = device(gridWorker);
    const record = await saveRecord(phoneA.db, newPatrol(gridWorker, '共同的记录'));
    await phoneA.sync();
    const officer = device(police);
    await officer.sync();
    const mine = await visible(phoneA.db, record.id);
    const theirs = await visible(officer.db, record.id);
    if (!mine || !theirs) throw new Error('record missing');
    await saveRecord(
      officer.db,
      editRecord(theirs, {
        body: { ...theirs.body, content: '民警先改' } as typeof theirs.body,
        userId: police.user.id,
        now: new Date(),
      }),
    );
    await officer.sync();

    const net = faultyFetch(server.fetch);
    const offlinePhone = {
      db: phoneA.db,
      sync: () =>
        syncOnce({ db: phoneA.db, token: gridWorker.token, fetch: net.fetch, baseUrl: TEST_BASE_URL }),
    };
    await saveRecord(
      phoneA.db,
      editRecord(mine, {
        body: { ...mine.body, content: '我的未同步修改' } as typeof mine.body,
        userId: gridWorker.user.id,
        now: new Date(),
      }),
    );
    net.inject('/api/sync/push', 'offline');
    // Push fails offline; the pull in a later pass must not replace the pending local edit.
    await offlinePhone.sync();
    const { pullAll } = await import('../../src/sync/pull');
    const { getClientId } = await import('../../src/sync/client-id');
    await pullAll(
      { fetch: server.fetch, baseUrl: TEST_BASE_URL },
      phoneA.db,
      gridWorker.token,
      await getClientId(phoneA.db),
    );
    const row = await phoneA.db.records.get(record.id);
    expect(row?.record.body).toMatchObject({ content: '我的未同步修改' });
    expect(row?.base?.body).toMatchObject({ content: '民警先改' });
    expect(row?.syncState).toBe('pending');
  });

  it('re-pulls the scope on reset, drops records that left it and keeps every pending one', async () => {
    const phone = device(gridWorker);
    await phone.sync();
    const pending = await saveRecord(phone.db, newPatrol(gridWorker, '重置时未同步'));
    const gone = newPatrol(gridWorker, '已移出范围的记录');
    await phone.db.records.put({ ...syncedRow({ ...gone, rev: 3 }) });
    // A cursor whose scope fingerprint no longer matches: the server answers from the start with reset.
    await phone.db.meta.put({ key: 'cursor', value: '1.00000000' });

    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.records.get(gone.id)).toBeUndefined();
    expect((await phone.db.records.get(pending.id))?.syncState).toBe('synced');
    expect(await serverCopies(pending.id)).toBe(1);
    const demo = await phone.db.records.where('syncState').equals('synced').count();
    expect(demo).toBeGreaterThan(1);
  });

  it('keeps a pending record through a reset even when its push fails', async () => {
    const net = faultyFetch(server.fetch);
    const phone = device(gridWorker, net.fetch);
    await phone.sync();
    const pending = await saveRecord(phone.db, newPatrol(gridWorker, '推送失败又遇重置'));
    await phone.db.meta.put({ key: 'cursor', value: '1.00000000' });
    net.inject('/api/sync/push', 'server-error');
    await phone.sync();
    const { pullAll } = await import('../../src/sync/pull');
    const { getClientId } = await import('../../src/sync/client-id');
    await pullAll(
      { fetch: server.fetch, baseUrl: TEST_BASE_URL },
      phone.db,
      gridWorker.token,
      await getClientId(phone.db),
    );
    expect((await phone.db.records.get(pending.id))?.syncState).toBe('pending');
    expect(await phone.db.outbox.count()).toBe(1);
  });

  it('keeps everything and reports unauthorized when the token is refused', async () => {
    deviceCounter += 1;
    const db = openLocalDb(`expired-${deviceCounter}`);
    const record = await saveRecord(db, newPatrol(gridWorker, '登录过期'));
    const outcome = await syncOnce({ db, token: 'not-a-token', fetch: server.fetch, baseUrl: TEST_BASE_URL });
    expect(outcome.status).toBe('unauthorized');
    expect(await db.outbox.count()).toBe(1);
    expect((await db.records.get(record.id))?.syncState).toBe('pending');
  });
});
