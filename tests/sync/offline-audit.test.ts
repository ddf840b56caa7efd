import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
});
afterEach(() => vi.unstubAllGlobals());
afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

async function auditedOffline(recordId: string): Promise<(number | null)[]> {
  const rows = await server.db
    .selectFrom('audit_log')
    .select('offline')
    .where('record_id', '=', recordId)
    .orderBy('at')
    .execute();
  return rows.map((row) => (row.offline === null ? null : Number(row.offline)));
}

describe('offline saves in the audit log', () => {
  it('tells the server which changes were saved with no network', async () => {
    const db = openLocalDb(`${worker.user.id}-offline-audit`);
    const gridId = worker.user.scope.gridIds[0] ?? '';
    const sync = () => syncOnce({ db, token: worker.token, fetch: server.fetch, baseUrl: TEST_BASE_URL });

    vi.stubGlobal('navigator', { onLine: false });
    const record = newRecord('patrol', {
      gridId,
      body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body,
      userId: worker.user.id,
      now: new Date(),
    });
    await saveRecord(db, record);
    vi.stubGlobal('navigator', { onLine: true });
    expect((await sync()).status).toBe('ok');

    const synced = (await db.records.get(record.id))?.record;
    if (synced?.kind !== 'patrol') throw new Error('the patrol is on the device');
    await saveRecord(
      db,
      editRecord(synced, {
        body: { ...synced.body, householdsVisited: 3 },
        userId: worker.user.id,
        now: new Date(),
      }),
    );
    expect((await sync()).status).toBe('ok');

    expect(await auditedOffline(record.id)).toEqual([1, 0]);
  });
});
