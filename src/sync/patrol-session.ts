/**
 * A patrol session on the device (开始巡查 … 结束巡查): the patrol record is created at once (status
 * draft) so records made during it can point to its id; kept GPS fixes go to the `trackPoints`
 * buffer, one row each, so a killed tab loses nothing; 结束巡查 writes the track into the record.
 *
 * Why the track is written into the record only at the end, not at checkpoints: a record edit
 * carries the whole body, so every checkpoint would queue (and send) the whole track so far again —
 * a three-hour walk at one fix every few metres re-sent every few minutes grows the outbox and the
 * upload quadratically, on a weak signal. The buffer already survives a killed tab and a dead
 * battery; only a lost phone loses the track, and with it the unsynced log anyway.
 */
import type { PatrolBody, PatrolType } from '../domain/patrol';
import { NO_ANTI_FRAUD, NO_FINDINGS } from '../domain/patrol';
import type { PatrolRecord } from '../domain/record-envelope';
import type { LocalDb } from './local-db';
import { saveRecord } from './outbox';
import { editRecord, newRecord } from './record-factory';
import { type BufferedPoint, segmentsFrom, trackForRecord } from './track-recorder';

export interface StartPatrol {
  gridId: string;
  patrolTypes: PatrolType[];
  userId: string;
  now: Date;
  /**
   * The log text until the worker writes it: the schema requires content, and a draft has none
   * yet (the form replaces it on 结束巡查).
   */
  draftContent: string;
}

/** 开始巡查: the draft patrol record and the device's "running" mark, in one transaction. */
export async function startPatrol(db: LocalDb, start: StartPatrol): Promise<PatrolRecord> {
  const body: PatrolBody = {
    patrolTypes: start.patrolTypes,
    startedAt: start.now.toISOString(),
    householdsVisited: 0,
    findings: NO_FINDINGS,
    selfResolvedCount: 0,
    reportedCount: 0,
    content: start.draftContent,
    ...(start.patrolTypes.includes('antiFraud') && { antiFraud: NO_ANTI_FRAUD }),
    status: 'draft',
  };
  const record = newRecord('patrol', { gridId: start.gridId, body, userId: start.userId, now: start.now });
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    await saveRecord(db, record, start.now);
    await db.meta.put({ key: 'activePatrolId', value: record.id });
  });
  return record;
}

/** The buffered fixes of a patrol, in the order they were kept. */
export async function bufferedPoints(db: LocalDb, patrolId: string): Promise<BufferedPoint[]> {
  const rows = await db.trackPoints.where('patrolId').equals(patrolId).sortBy('seq');
  return rows.map(({ segmentId, point }) => ({ segmentId, point }));
}

export async function bufferPoint(db: LocalDb, patrolId: string, kept: BufferedPoint): Promise<void> {
  await db.trackPoints.add({ patrolId, segmentId: kept.segmentId, point: kept.point });
}

/**
 * 结束巡查: the buffered track and `endedAt` written into the patrol record (one edit), the buffer
 * emptied and the running mark cleared — all in one transaction, so a kill midway loses nothing.
 */
export async function endPatrol(
  db: LocalDb,
  patrolId: string,
  { userId, now }: { userId: string; now: Date },
): Promise<PatrolRecord | undefined> {
  let saved: PatrolRecord | undefined;
  await db.transaction('rw', [db.records, db.outbox, db.meta, db.trackPoints], async () => {
    const row = await db.records.get(patrolId);
    const points = await bufferedPoints(db, patrolId);
    if (row && row.record.kind === 'patrol' && !row.record.deleted) {
      const previous = row.record;
      const track = trackForRecord(previous.body.track, segmentsFrom(points));
      const startedAt = Date.parse(previous.body.startedAt);
      const body: PatrolBody = {
        ...previous.body,
        // A clock set back mid-patrol must not make the record invalid (ended before it started).
        endedAt: new Date(Math.max(now.getTime(), startedAt)).toISOString(),
        ...(track.length > 0 && { track }),
      };
      saved = editRecord(previous, { body, userId, now });
      await saveRecord(db, saved, now);
    }
    await db.trackPoints.where('patrolId').equals(patrolId).delete();
    await db.meta.delete('activePatrolId');
  });
  return saved;
}
