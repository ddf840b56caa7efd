/**
 * One bad item never wedges a device queue: when the server refuses a whole request (400, 413), the
 * device narrows it down to the item it refuses, marks that one rejected and sends the rest. The
 * photo queue's case is in photo-upload.test.ts.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { DisputeRecord, PatrolRecord } from '../../src/domain/record-envelope';
import { closeLocalDbs, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { queueReveal } from '../../src/sync/reveal-queue';
import { syncOnce } from '../../src/sync/sync-engine';
import { sampleDispute, samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

/** The requests a phone made to `path`, and a way to refuse those that carry a marked text. */
function phone(refuse?: { path: string; marker: string; status: number }) {
  counter += 1;
  const db = openLocalDb(`${worker.user.id}-isolation-${counter}`);
  const requests: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    requests.push(path);
    if (refuse && path === refuse.path && String(init?.body ?? '').includes(refuse.marker)) {
      const error = {
        code: refuse.status === 413 ? 'too_large' : 'validation',
        message: 'Refused by a test',
      };
      return new Response(JSON.stringify({ error }), { status: refuse.status });
    }
    return server.fetch(input, init);
  };
  return {
    db,
    requests,
    sync: () => syncOnce({ db, token: worker.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL }),
  };
}

async function savePatrols(db: LocalDb, n: number): Promise<PatrolRecord[]> {
  const records: PatrolRecord[] = [];
  for (let i = 0; i < n; i++) {
    const record = newRecord('patrol', {
      gridId: worker.user.scope.gridIds[0] ?? '',
      body: { ...samplePatrol(randomUUID()).body, content: `第 ${i} 次巡查` },
      userId: worker.user.id,
      now: new Date(),
    });
    await saveRecord(db, record);
    records.push(record);
  }
  return records;
}

async function onServer(ids: readonly string[]): Promise<string[]> {
  const rows = await server.db
    .selectFrom('records')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((row) => row.id).sort();
}

describe('the outbox', () => {
  it('sends the others when the server refuses a push for one mutation in it (a corrupt row)', async () => {
    const device = phone();
    const records = await savePatrols(device.db, 7);
    const bad = records[3];
    if (!bad) throw new Error('seven records expected');
    // A mutation id the server's push envelope refuses: the whole batch answers 400.
    const [row] = await device.db.outbox.where('recordId').equals(bad.id).toArray();
    await device.db.outbox.update(row?.seq ?? 0, { id: 'not-a-uuid' });

    const outcome = await device.sync();
    expect(outcome.status).toBe('ok');
    const good = records.filter((r) => r.id !== bad.id).map((r) => r.id);
    expect(await onServer(records.map((r) => r.id))).toEqual([...good].sort());
    const badRow = await device.db.records.get(bad.id);
    expect(badRow).toMatchObject({ syncState: 'rejected', error: { code: 'validation' } });
    expect(badRow?.error?.issues?.map((issue) => issue.path)).toContain('mutations.0.id');
    expect((await device.db.outbox.toArray()).map((m) => [m.recordId, m.state])).toEqual([
      [bad.id, 'rejected'],
    ]);

    // Rejected is final: the next pass sends nothing more for it.
    const pushes = device.requests.filter((path) => path === '/api/sync/push').length;
    expect((await device.sync()).status).toBe('ok');
    expect(device.requests.filter((path) => path === '/api/sync/push').length).toBe(pushes);
  });

  it('rejects a record the server finds too large, and sends the rest', async () => {
    const device = phone({ path: '/api/sync/push', marker: '超长轨迹', status: 413 });
    const records = await savePatrols(device.db, 4);
    const [first] = records;
    if (!first) throw new Error('four records expected');
    const long = editRecord(first, {
      body: { ...first.body, content: '超长轨迹' },
      userId: worker.user.id,
      now: new Date(),
    });
    await saveRecord(device.db, long);

    expect((await device.sync()).status).toBe('ok');
    const others = records.slice(1).map((r) => r.id);
    expect(await onServer(records.map((r) => r.id))).toEqual([...others].sort());
    expect(await device.db.records.get(first.id)).toMatchObject({
      syncState: 'rejected',
      error: { code: 'too_large' },
    });
  });

  it('re-stamps the creation time of a record rejected for a wrong clock when it is saved again', async () => {
    const device = phone();
    const wrongClock = new Date('2999-01-01T08:00:00.000Z');
    const record = newRecord('patrol', {
      gridId: worker.user.scope.gridIds[0] ?? '',
      body: samplePatrol(randomUUID()).body,
      userId: worker.user.id,
      now: wrongClock,
    });
    await saveRecord(device.db, record, wrongClock);
    await device.sync();
    const rejected = await device.db.records.get(record.id);
    expect(rejected?.syncState).toBe('rejected');
    expect(rejected?.error?.issues?.map((issue) => issue.path)).toEqual(['createdAt', 'updatedAt']);

    // The clock fixed, the user saves again: both times are now the phone's (correct) time.
    const now = new Date();
    await saveRecord(device.db, editRecord(record, { body: record.body, userId: worker.user.id, now }), now);
    expect((await device.sync()).status).toBe('ok');
    expect(await device.db.records.get(record.id)).toMatchObject({
      syncState: 'synced',
      record: { createdAt: now.toISOString(), updatedAt: now.toISOString() },
    });
  });
});

describe('the reveal queue', () => {
  async function dispute(db: LocalDb): Promise<DisputeRecord> {
    const record = newRecord('dispute', {
      gridId: worker.user.scope.gridIds[0] ?? '',
      body: sampleDispute(randomUUID()).body,
      userId: worker.user.id,
      now: new Date(),
    }) as DisputeRecord;
    await saveRecord(db, record);
    return record;
  }

  it('records the others when the server refuses a batch for one entry in it', async () => {
    const device = phone({ path: '/api/audit/reveals', marker: '请求被拒的说明', status: 400 });
    const record = await dispute(device.db);
    const field = `body.parties.${record.body.parties[0]?.id}.phone`;
    const context = { now: new Date(), online: true };
    const notes = ['第一', '第二', '请求被拒的说明', '第四', '第五'];
    const entries = [];
    for (const note of notes) {
      entries.push(
        await queueReveal(
          device.db,
          { recordId: record.id, field, reason: 'other', reasonNote: note },
          context,
        ),
      );
    }

    expect((await device.sync()).status).toBe('ok');
    const recorded = await server.db
      .selectFrom('audit_log')
      .select('reason_note')
      .where('action', '=', 'reveal')
      .where('record_id', '=', record.id)
      .execute();
    expect(recorded.map((row) => row.reason_note).sort()).toEqual(['第一', '第二', '第四', '第五'].sort());
    const left = await device.db.auditQueue.toArray();
    expect(left).toMatchObject([
      { id: entries[2]?.id, state: 'rejected', error: { code: 'validation', message: 'Refused by a test' } },
    ]);

    // Rejected is final: it is not sent again.
    const sent = device.requests.filter((path) => path === '/api/audit/reveals').length;
    expect((await device.sync()).status).toBe('ok');
    expect(device.requests.filter((path) => path === '/api/audit/reveals').length).toBe(sent);
  });
});
