import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { sampleDispute } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;
let mediator: LoginResponse;
let leader: LoginResponse;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
  mediator = await server.login('hb-mediator');
  leader = await server.login('hb-leader');
});
afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

function device(who: LoginResponse) {
  devices += 1;
  const db = openLocalDb(`${who.user.id}-removed-${devices}`);
  return { db, sync: () => syncOnce({ db, token: who.token, fetch: server.fetch, baseUrl: TEST_BASE_URL }) };
}

/** A new 已登记 dispute from the grid worker, on the server. */
async function reportedCase(): Promise<DisputeRecord> {
  const phone = device(worker);
  const record = newRecord('dispute', {
    gridId: worker.user.scope.gridIds[0] ?? '',
    body: sampleDispute(randomUUID()).body,
    userId: worker.user.id,
    now: new Date(),
  });
  await saveRecord(phone.db, record);
  expect((await phone.sync()).status).toBe('ok');
  const synced = (await phone.db.records.get(record.id))?.record;
  if (synced?.kind !== 'dispute') throw new Error('the case is on the worker’s phone');
  return synced;
}

/** The worker's committee takes the case with a mediator who is not the demo mediator account. */
async function takenByOthers(reported: DisputeRecord): Promise<void> {
  const phone = device(worker);
  expect((await phone.sync()).status).toBe('ok');
  const body = {
    ...reported.body,
    status: 'accepted' as const,
    consentToMediate: true,
    mediators: [{ id: randomUUID(), name: '何建华' }],
  };
  await saveRecord(phone.db, editRecord(reported, { body, userId: worker.user.id, now: new Date() }));
  expect((await phone.sync()).status).toBe('ok');
}

describe('records that leave the user’s view', () => {
  it('are dropped from a device that only had the synced copy', async () => {
    const reported = await reportedCase();
    const phone = device(mediator);
    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.records.get(reported.id)).toBeDefined();

    await takenByOthers(reported);
    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.records.get(reported.id)).toBeUndefined();
  });

  it('stay while the user’s own edit is queued: the push is refused with its reason instead', async () => {
    const reported = await reportedCase();
    const phone = device(mediator);
    expect((await phone.sync()).status).toBe('ok');
    const mine = (await phone.db.records.get(reported.id))?.record;
    if (mine?.kind !== 'dispute') throw new Error('the case is on the mediator’s phone');
    await takenByOthers(reported);
    // Offline meanwhile: the mediator edits the copy they still have.
    await saveRecord(
      phone.db,
      editRecord(mine, {
        body: { ...mine.body, summary: '调解员补充情况' },
        userId: mediator.user.id,
        now: new Date(),
      }),
    );
    expect((await phone.sync()).status).toBe('ok');
    const row = await phone.db.records.get(reported.id);
    expect(row?.syncState).toBe('rejected');
    expect(row?.error?.code).toBe('forbidden');
  });

  it('leave the old grid worker’s phone when the 网格长 moves them to another grid', async () => {
    const reported = await reportedCase();
    const phone = device(worker);
    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.records.get(reported.id)).toBeDefined();

    const leaderPhone = device(leader);
    expect((await leaderPhone.sync()).status).toBe('ok');
    const otherGrid = leader.user.scope.gridIds.find((id) => !worker.user.scope.gridIds.includes(id));
    if (!otherGrid) throw new Error('the 网格长 has a grid the worker has not');
    await saveRecord(
      leaderPhone.db,
      editRecord(reported, {
        body: reported.body,
        gridId: otherGrid,
        userId: leader.user.id,
        now: new Date(),
      }),
    );
    expect((await leaderPhone.sync()).status).toBe('ok');
    expect((await leaderPhone.db.records.get(reported.id))?.record.gridId).toBe(otherGrid);

    expect((await phone.sync()).status).toBe('ok');
    expect(await phone.db.records.get(reported.id)).toBeUndefined();
  });
});
