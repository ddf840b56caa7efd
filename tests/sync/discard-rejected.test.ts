/**
 * A change the server refused outright (rejected, not a conflict) can be given up on the phone:
 * the server's copy comes back, the outbox holds nothing for the record, and the next sync is clean.
 * Here the refused change moves a worker's patrol into a grid of another street (outside scope).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { closeLocalDbs } from '../../src/sync/local-db';
import { discardRejected, saveRecord } from '../../src/sync/outbox';
import { editRecord } from '../../src/sync/record-factory';
import { newDevice, newPatrolFor } from '../support/sync-devices';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

describe('giving up a refused change', () => {
  it('brings back the server copy, leaves nothing queued, and syncs clean', async () => {
    const device = newDevice(worker, server.fetch);
    const patrol = await saveRecord(device.db, newPatrolFor(worker, '湖滨新寓例行巡查'));
    expect((await device.sync()).status).toBe('ok');
    const synced = await device.visible(patrol.id);
    if (!synced) throw new Error('missing');

    const moved = editRecord(synced, {
      body: { ...synced.body, content: '改到别的街道' } as typeof synced.body,
      userId: worker.user.id,
      now: new Date(),
    });
    await saveRecord(device.db, { ...moved, gridId: 'taishan-tieqiao-01' });
    await device.sync();
    const refused = await device.db.records.get(patrol.id);
    expect(refused?.syncState).toBe('rejected');
    expect(refused?.record.gridId).toBe('taishan-tieqiao-01');

    expect(await discardRejected(device.db, patrol.id)).toBe(true);
    const back = await device.db.records.get(patrol.id);
    expect(back).toMatchObject({ syncState: 'synced', gridId: synced.gridId });
    expect(back?.record).toEqual(synced);
    expect(back?.error).toBeUndefined();
    expect(await device.db.outbox.where('recordId').equals(patrol.id).count()).toBe(0);

    expect((await device.sync()).status).toBe('ok');
    expect((await device.db.records.get(patrol.id))?.syncState).toBe('synced');
    const onServer = await server.db
      .selectFrom('records')
      .select(['rev', 'grid_id'])
      .where('id', '=', patrol.id)
      .executeTakeFirstOrThrow();
    expect({ rev: Number(onServer.rev), grid: onServer.grid_id }).toEqual({
      rev: synced.rev,
      grid: synced.gridId,
    });
  });

  it('changes nothing for a record that is not refused, or that the server never held', async () => {
    const device = newDevice(worker, server.fetch);
    const pending = await saveRecord(device.db, newPatrolFor(worker, '还没同步'));
    expect(await discardRejected(device.db, pending.id)).toBe(false);
    expect((await device.db.records.get(pending.id))?.syncState).toBe('pending');
    expect(await device.db.outbox.where('recordId').equals(pending.id).count()).toBe(1);

    // Refused on its first push: there is no server copy to go back to (删除 removes it instead).
    const elsewhere = await saveRecord(device.db, {
      ...newPatrolFor(worker, '别的街道'),
      gridId: 'taishan-tieqiao-01',
    });
    await device.sync();
    expect((await device.db.records.get(elsewhere.id))?.syncState).toBe('rejected');
    expect(await discardRejected(device.db, elsewhere.id)).toBe(false);
    expect((await device.db.records.get(elsewhere.id))?.syncState).toBe('rejected');
    expect(await discardRejected(device.db, 'no-such-record')).toBe(false);
  });
});
