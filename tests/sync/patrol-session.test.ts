import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { patrolBodySchema } from '../../src/domain/patrol';
import { readActivePatrolId } from '../../src/sync/active-patrol-store';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { bufferedPoints, bufferPoint, endPatrol, startPatrol } from '../../src/sync/patrol-session';

const S1 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a1';
const S2 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a2';
const START = new Date('2026-11-27T01:00:00Z');
let userCounter = 0;
function userId() {
  userCounter += 1;
  return `patrol-user-${userCounter}-${Date.now()}`;
}

afterEach(() => closeLocalDbs());

async function started(user: string) {
  const db = openLocalDb(user);
  const record = await startPatrol(db, {
    gridId: 'g1',
    patrolTypes: ['antiFraud', 'rentalInspection'],
    userId: 'u1',
    now: START,
    draftContent: '巡查进行中',
  });
  return { db, record };
}

describe('patrol session on the device', () => {
  it('creates a valid draft patrol at once and queues it, so linked records can point to it', async () => {
    const { db, record } = await started(userId());
    expect(patrolBodySchema.safeParse(record.body).success).toBe(true);
    expect(record.body).toMatchObject({ status: 'draft', startedAt: START.toISOString() });
    expect(record.body.antiFraud).toBeDefined();
    expect(await db.outbox.where('recordId').equals(record.id).count()).toBe(1);
    expect(await readActivePatrolId(db)).toBe(record.id);
  });

  it('keeps the running patrol and its points across a closed database (a killed tab)', async () => {
    const user = userId();
    const { db, record } = await started(user);
    await bufferPoint(db, record.id, { segmentId: S1, point: [118.7485, 32.2265, START.getTime(), 8] });
    await bufferPoint(db, record.id, {
      segmentId: S1,
      point: [118.7485, 32.2266, START.getTime() + 5000, 8],
    });
    closeLocalDbs();

    const reopened = openLocalDb(user);
    expect(await readActivePatrolId(reopened)).toBe(record.id);
    expect((await bufferedPoints(reopened, record.id)).map((p) => p.point[1])).toEqual([32.2265, 32.2266]);
  });

  it('writes the track and the end time into the record on 结束巡查, then forgets the buffer', async () => {
    const { db, record } = await started(userId());
    const t = START.getTime();
    await bufferPoint(db, record.id, { segmentId: S1, point: [118.7485, 32.2265, t, 8] });
    await bufferPoint(db, record.id, { segmentId: S1, point: [118.7485, 32.2266, t + 5000, 8] });
    await bufferPoint(db, record.id, { segmentId: S2, point: [118.7485, 32.2275, t + 200_000, 8] });
    await bufferPoint(db, 'other-patrol', { segmentId: 'x', point: [0, 0, t, 8] });

    const ended = await endPatrol(db, record.id, { userId: 'u1', now: new Date(t + 300_000) });
    expect(ended?.body.endedAt).toBe(new Date(t + 300_000).toISOString());
    expect(ended?.body.track?.map((s) => [s.id, s.points.length])).toEqual([
      [S1, 2],
      [S2, 1],
    ]);
    const stored = await db.records.get(record.id);
    expect(stored?.record).toEqual(ended);
    expect(await bufferedPoints(db, record.id)).toEqual([]);
    expect(await db.trackPoints.count()).toBe(1);
    expect(await readActivePatrolId(db)).toBeUndefined();
  });

  it('forgets a running mark whose patrol was deleted', async () => {
    const { db, record } = await started(userId());
    const row = await db.records.get(record.id);
    if (!row) throw new Error('saved above');
    await db.records.put({ ...row, record: { ...row.record, deleted: true } });
    expect(await readActivePatrolId(db)).toBeUndefined();
    expect(await db.meta.get('activePatrolId')).toBeUndefined();
  });
});
