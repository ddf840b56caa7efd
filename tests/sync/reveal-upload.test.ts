import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { newRecord } from '../../src/sync/record-factory';
import { countUnsentReveals, queueReveal } from '../../src/sync/reveal-queue';
import { syncOnce } from '../../src/sync/sync-engine';
import { faultyFetch } from '../support/faulty-fetch';
import { sampleDispute } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let gridWorker: LoginResponse;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  gridWorker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

function phone() {
  counter += 1;
  const faulty = faultyFetch(server.fetch);
  const db = openLocalDb(`${gridWorker.user.id}-reveal-${counter}`);
  return {
    db,
    faulty,
    sync: () => syncOnce({ db, token: gridWorker.token, fetch: faulty.fetch, baseUrl: TEST_BASE_URL }),
    revealRequests: () => faulty.delivered.filter((path) => path === '/api/audit/reveals').length,
  };
}

async function saveDispute(db: ReturnType<typeof phone>['db']): Promise<DisputeRecord> {
  const record = newRecord('dispute', {
    gridId: gridWorker.user.scope.gridIds[0] ?? '',
    body: sampleDispute(randomUUID()).body,
    userId: gridWorker.user.id,
    now: new Date(),
  }) as DisputeRecord;
  await saveRecord(db, record);
  return record;
}

function phoneField(record: DisputeRecord): string {
  return `body.parties.${record.body.parties[0]?.id}.phone`;
}

function serverReveals(recordId: string) {
  return server.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'reveal')
    .where('record_id', '=', recordId)
    .execute();
}

const OFFLINE = { now: new Date('2026-11-26T08:30:00.000Z'), online: false };

describe('reveal audit upload', () => {
  it('sends a reveal made offline on a record made offline, after the record, and empties the queue', async () => {
    const device = phone();
    const record = await saveDispute(device.db);
    const entry = await queueReveal(
      device.db,
      { recordId: record.id, field: phoneField(record), reason: 'contactParty' },
      OFFLINE,
    );
    expect(await countUnsentReveals(device.db)).toBe(1);

    expect(await device.sync()).toMatchObject({ status: 'ok', pushed: 1 });
    expect(device.faulty.delivered.indexOf('/api/audit/reveals')).toBeGreaterThan(
      device.faulty.delivered.indexOf('/api/sync/push'),
    );
    expect(await countUnsentReveals(device.db)).toBe(0);
    expect(await serverReveals(record.id)).toMatchObject([
      {
        id: entry.id,
        user_id: gridWorker.user.id,
        field: phoneField(record),
        reason: 'contactParty',
        reason_note: null,
        offline: 1,
        device_at: '2026-11-26T08:30:00.000Z',
        kind: 'dispute',
      },
    ]);
  });

  it('keeps an entry whose answer was lost and records it once when the next pass answers duplicate', async () => {
    const device = phone();
    const record = await saveDispute(device.db);
    await device.sync();
    await queueReveal(
      device.db,
      { recordId: record.id, field: 'body.parties.x.idNo', reason: 'other', reasonNote: ' 制作调解协议书 ' },
      { now: new Date(), online: true },
    );
    device.faulty.inject('/api/audit/reveals', 'lose-response');
    expect(await device.sync()).toMatchObject({ status: 'offline' });
    expect(await device.db.auditQueue.toArray()).toMatchObject([{ state: 'pending' }]);

    expect(await device.sync()).toMatchObject({ status: 'ok' });
    expect(await countUnsentReveals(device.db)).toBe(0);
    expect(await serverReveals(record.id)).toMatchObject([
      { reason: 'other', reason_note: '制作调解协议书', offline: 0 },
    ]);
  });

  it('keeps entries queued without a network, and keeps pulling when the audit endpoint fails', async () => {
    const device = phone();
    const record = await saveDispute(device.db);
    await queueReveal(
      device.db,
      { recordId: record.id, field: 'body.title', reason: 'mediationFile' },
      OFFLINE,
    );
    device.faulty.inject('/api/audit/reveals', 'offline');
    expect(await device.sync()).toMatchObject({ status: 'offline' });
    expect(await countUnsentReveals(device.db)).toBe(1);

    device.faulty.inject('/api/audit/reveals', 'server-error');
    const outcome = await device.sync();
    expect(outcome).toMatchObject({ status: 'ok' });
    expect(outcome.status === 'ok' && outcome.pulled).toBeGreaterThan(0);
    expect(await device.db.auditQueue.toArray()).toMatchObject([{ state: 'pending' }]);
    expect(await serverReveals(record.id)).toEqual([]);

    await device.sync();
    expect(await countUnsentReveals(device.db)).toBe(0);
    expect(await serverReveals(record.id)).toHaveLength(1);
  });

  it('keeps a rejected entry with its reason for the sync screen and does not send it again', async () => {
    const device = phone();
    const unknownRecord = randomUUID();
    await queueReveal(
      device.db,
      { recordId: unknownRecord, field: 'body.landlordPhone', reason: 'rentalRegistration' },
      OFFLINE,
    );
    await device.sync();
    expect(await device.db.auditQueue.toArray()).toMatchObject([
      { recordId: unknownRecord, state: 'rejected', error: { code: 'not_found' } },
    ]);
    expect(device.revealRequests()).toBe(1);
    await device.sync();
    expect(device.revealRequests()).toBe(1);
    expect(await countUnsentReveals(device.db)).toBe(1);
  });

  it('queues nothing for a reveal whose reason is other without a note', async () => {
    const device = phone();
    await expect(
      queueReveal(
        device.db,
        { recordId: randomUUID(), field: 'body.landlordName', reason: 'other', reasonNote: '  ' },
        OFFLINE,
      ),
    ).rejects.toThrow();
    expect(await countUnsentReveals(device.db)).toBe(0);
  });
});
