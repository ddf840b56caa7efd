import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { keepTheirs, NoConflictError, resolveWith } from '../../src/sync/conflicts';
import { closeLocalDbs } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { type Device, newDevice, newPatrolFor } from '../support/sync-devices';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;
let police: LoginResponse;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
  police = await server.login('hb-police');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

/** Two devices edit the same field of one record offline; the second to sync holds a conflict. */
async function conflictOnSecondDevice(): Promise<{ first: Device; second: Device; id: string }> {
  const first = newDevice(worker, server.fetch);
  const record = await saveRecord(first.db, newPatrolFor(worker, '原始记录'));
  await first.sync();
  const second = newDevice(police, server.fetch);
  await second.sync();
  await first.edit(record.id, { content: '网格员:已劝离' });
  await second.edit(record.id, { content: '民警:已登记' });
  await first.sync();
  await second.sync();
  expect((await second.db.records.get(record.id))?.syncState).toBe('conflict');
  return { first, second, id: record.id };
}

async function serverContent(id: string): Promise<{ rev: number; content: string }> {
  const row = await server.db
    .selectFrom('records')
    .select(['rev', 'body'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { rev: Number(row.rev), content: (JSON.parse(String(row.body)) as { content: string }).content };
}

describe('conflict resolution', () => {
  it('keeps mine as an edit on top of the server revision, and every device converges', async () => {
    const { first, second, id } = await conflictOnSecondDevice();
    const mine = await second.visible(id);
    if (!mine) throw new Error('missing');
    await resolveWith(second.db, id, mine, police.user.id);
    const row = await second.db.records.get(id);
    expect(row?.syncState).toBe('pending');
    expect(row?.theirs).toBeUndefined();
    expect(await second.db.outbox.where('recordId').equals(id).toArray()).toEqual([
      expect.objectContaining({ state: 'pending', baseRev: 2 }),
    ]);

    expect((await second.sync()).status).toBe('ok');
    expect(await serverContent(id)).toEqual({ rev: 3, content: '民警:已登记' });
    await first.sync();
    expect((await first.visible(id))?.body).toMatchObject({ content: '民警:已登记' });
    expect((await second.db.records.get(id))?.syncState).toBe('synced');
  });

  it('sends a per-field mix the user picked', async () => {
    const { second, id } = await conflictOnSecondDevice();
    const theirs = (await second.db.records.get(id))?.theirs;
    if (theirs?.kind !== 'patrol') throw new Error('missing');
    const mixed = {
      ...theirs,
      body: { ...theirs.body, content: '网格员:已劝离;民警:已登记', householdsVisited: 40 },
    };
    await resolveWith(second.db, id, mixed, police.user.id);
    await second.sync();
    expect(await serverContent(id)).toEqual({ rev: 3, content: '网格员:已劝离;民警:已登记' });
  });

  it('drops my edits when I keep theirs, and sends nothing', async () => {
    const { second, id } = await conflictOnSecondDevice();
    await keepTheirs(second.db, id);
    expect(await second.db.outbox.where('recordId').equals(id).count()).toBe(0);
    expect(await second.db.records.get(id)).toMatchObject({ syncState: 'synced', record: { rev: 2 } });
    expect((await second.visible(id))?.body).toMatchObject({ content: '网格员:已劝离' });
    await second.sync();
    expect(await serverContent(id)).toEqual({ rev: 2, content: '网格员:已劝离' });
  });

  it('refuses to resolve a record that has no conflict', async () => {
    const device = newDevice(worker, server.fetch);
    const record = await saveRecord(device.db, newPatrolFor(worker, '没有冲突'));
    await expect(resolveWith(device.db, record.id, record, worker.user.id)).rejects.toBeInstanceOf(
      NoConflictError,
    );
    await expect(keepTheirs(device.db, record.id)).rejects.toBeInstanceOf(NoConflictError);
  });
});

describe('an edit queued behind a merged push', () => {
  it('is rebased on the merged record, so neither side’s change is lost', async () => {
    const { faultyFetch } = await import('../support/faulty-fetch');
    const first = newDevice(worker, server.fetch);
    const record = await saveRecord(first.db, newPatrolFor(worker, '合并前'));
    await first.sync();
    const net = faultyFetch(server.fetch);
    const second = newDevice(police, net.fetch);
    await second.sync();

    await first.edit(record.id, { householdsVisited: 7 });
    await first.sync();
    await second.edit(record.id, { content: '民警补充:已核实' });
    net.inject('/api/sync/push', 'lose-response');
    expect((await second.sync()).status).toBe('offline');
    await second.edit(record.id, { status: 'reviewed' });
    expect((await second.sync()).status).toBe('ok');

    const onServer = await server.db
      .selectFrom('records')
      .select(['rev', 'body'])
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(onServer.body))).toMatchObject({
      householdsVisited: 7,
      content: '民警补充:已核实',
      status: 'reviewed',
    });
    expect(Number(onServer.rev)).toBe(4);
    const row = await second.db.records.get(record.id);
    expect(row).toMatchObject({
      syncState: 'synced',
      record: { rev: 4, body: { householdsVisited: 7, status: 'reviewed' } },
    });
  });
});
