/**
 * One person on one phone never meets 冲突: the device's own earlier writes (a patrol's end, an
 * acknowledged push, another save) are never "the other side" of a later save, however the saves
 * and sync passes interleave. These are the patrol flow's real writes, in the order a person makes
 * them; the model test (tests/sync/model) generates many more.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatrolBody } from '../../src/domain/patrol';
import type { LoginResponse } from '../../src/domain/protocol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { findRecord } from '../../src/server/db/records.repository';
import { closeLocalDbs } from '../../src/sync/local-db';
import { saveEdit } from '../../src/sync/outbox';
import { bufferPoint, endPatrol, startPatrol } from '../../src/sync/patrol-session';
import { editRecord } from '../../src/sync/record-factory';
import { validRecord } from '../../src/sync/valid-record';
import { type Device, gridOf, newDevice } from '../support/sync-devices';
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

/** What the log form does to times it shows: the minute the input holds, when the user edits them. */
function minute(iso: string): string {
  const d = new Date(iso);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}

/** 开始巡查 (synced at once, as online), a walk, 结束巡查: the record the log form then opens. */
async function walkedPatrol(device: Device, start: Date): Promise<PatrolRecord> {
  const userId = worker.user.id;
  const patrol = await startPatrol(device.db, {
    gridId: gridOf(worker),
    patrolTypes: ['riskScreening'],
    userId,
    now: start,
    draftContent: '',
  });
  expect((await device.sync()).status).toBe('ok');
  await bufferPoint(device.db, patrol.id, {
    segmentId: '0190a5d2-7a3b-7c4d-8e9f-00000000b001',
    point: [118.7485, 32.2265, start.getTime() + 60_000, 8],
  });
  const end = new Date(start.getTime() + 37 * 60_000 + 17_000);
  await endPatrol(device.db, patrol.id, { userId, now: end });
  const opened = (await device.db.records.get(patrol.id))?.record;
  if (opened?.kind !== 'patrol') throw new Error('patrol missing');
  return opened;
}

/**
 * The log as a form writes it: content typed, and — the worst a form may do — the times it showed
 * written back at the minute (the sync layer must not depend on forms being careful).
 */
function loggedBody(opened: PatrolRecord, changes: Partial<PatrolBody>): PatrolBody {
  const { startedAt, endedAt } = opened.body;
  return {
    ...opened.body,
    startedAt: minute(startedAt),
    ...(endedAt && { endedAt: minute(endedAt) }),
    content: '巡查湖滨一网格，发现楼道堆物一处，已劝离',
    status: 'submitted',
    ...changes,
  };
}

async function serverPatrol(id: string): Promise<{ rev: number; body: PatrolBody }> {
  // As the server serves it: a stored body names its track's segments (server/db/track-store.ts).
  const record = await findRecord(server.db, id);
  if (!record) throw new Error(`${id} is not on the server`);
  return { rev: record.rev, body: record.body as PatrolBody };
}

async function expectNoConflict(device: Device, id: string): Promise<void> {
  const row = await device.db.records.get(id);
  expect(row?.syncState).toBe('synced');
  expect(await device.db.outbox.count()).toBe(0);
}

describe('a record written by one person on one phone', () => {
  it('never conflicts when the log is saved after 结束巡查 was pushed behind the open form', async () => {
    const device = newDevice(worker, server.fetch);
    const opened = await walkedPatrol(device, new Date('2026-11-30T01:00:05Z'));
    // The end goes out (rev 2) while the worker types the log into the form opened before it.
    expect((await device.sync()).status).toBe('ok');
    const edited = editRecord(opened, {
      body: loggedBody(opened, {}),
      userId: worker.user.id,
      now: new Date(),
    });
    await saveEdit(device.db, opened, validRecord(edited));
    expect((await device.sync()).status).toBe('ok');

    await expectNoConflict(device, opened.id);
    const stored = await serverPatrol(opened.id);
    expect(stored.rev).toBe(3);
    expect(stored.body.content).toContain('楼道堆物');
    expect(stored.body.endedAt).toBe(minute(opened.body.endedAt ?? ''));
    expect(stored.body.track?.[0]?.points).toHaveLength(1);
  });

  it('never conflicts when the log is saved while the end is still in flight', async () => {
    const device = newDevice(worker, server.fetch);
    const opened = await walkedPatrol(device, new Date('2026-11-30T03:00:05Z'));
    const edited = editRecord(opened, {
      body: loggedBody(opened, {}),
      userId: worker.user.id,
      now: new Date(),
    });
    await saveEdit(device.db, opened, validRecord(edited));
    expect((await device.sync()).status).toBe('ok');
    await expectNoConflict(device, opened.id);
    expect((await serverPatrol(opened.id)).body.content).toContain('楼道堆物');
  });

  it('lets the later of two overlapping edits of the same field win, as its author meant', async () => {
    const device = newDevice(worker, server.fetch);
    const opened = await walkedPatrol(device, new Date('2026-11-30T05:00:05Z'));
    expect((await device.sync()).status).toBe('ok');
    // The worker corrects the end time in one form, then saves the log from the form opened earlier
    // with its own correction of the same time.
    const first = editRecord(opened, {
      body: { ...opened.body, endedAt: minute('2026-11-30T05:30:00Z') },
      userId: worker.user.id,
      now: new Date(),
    });
    await saveEdit(device.db, opened, validRecord(first));
    expect((await device.sync()).status).toBe('ok');
    const second = editRecord(opened, {
      body: loggedBody(opened, { endedAt: '2026-11-30T05:45:00.000Z' }),
      userId: worker.user.id,
      now: new Date(),
    });
    await saveEdit(device.db, opened, validRecord(second));
    expect((await device.sync()).status).toBe('ok');
    await expectNoConflict(device, opened.id);
    expect((await serverPatrol(opened.id)).body.endedAt).toBe('2026-11-30T05:45:00.000Z');
  });

  it('still shows a real conflict: another person changed the same field while the form was open', async () => {
    const police = await server.login('hb-police');
    const device = newDevice(worker, server.fetch);
    const other = newDevice(police, server.fetch);
    const opened = await walkedPatrol(device, new Date('2026-11-30T07:00:05Z'));
    expect((await device.sync()).status).toBe('ok');
    expect((await other.sync()).status).toBe('ok');
    await other.edit(opened.id, { content: '民警补充：已登记' });
    expect((await other.sync()).status).toBe('ok');
    expect((await device.sync()).status).toBe('ok');
    const edited = editRecord(opened, {
      body: loggedBody(opened, {}),
      userId: worker.user.id,
      now: new Date(),
    });
    await saveEdit(device.db, opened, validRecord(edited));
    expect((await device.sync()).status).toBe('ok');
    expect((await device.db.records.get(opened.id))?.syncState).toBe('conflict');
  });
});
