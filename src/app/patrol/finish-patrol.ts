import type { LocalDb } from '../../sync/local-db';
import { endPatrol } from '../../sync/patrol-session';
import { activePatrolId } from '../lib/active-patrol';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';
import { stopPatrolRuntime } from './patrol-runtime';

/** 结束巡查: stop the GPS, write the track into the record; the id of the patrol to finish in its form. */
export async function finishPatrol(): Promise<string | undefined> {
  const db = currentDb.value;
  const user = session.value?.user;
  const patrolId = activePatrolId.value;
  if (!db || !user || !patrolId) return undefined;
  await stopPatrolRuntime();
  const saved = await endPatrol(db, patrolId, { userId: user.id, now: new Date() });
  activePatrolId.value = undefined;
  requestSync('save');
  return saved?.id;
}

/** The running patrol's record is gone: stop recording and forget its buffered points. */
export async function abandonPatrol(db: LocalDb): Promise<void> {
  const patrolId = activePatrolId.value;
  if (!patrolId) return;
  await stopPatrolRuntime();
  await db.transaction('rw', [db.meta, db.trackPoints], async () => {
    await db.trackPoints.where('patrolId').equals(patrolId).delete();
    await db.meta.delete('activePatrolId');
  });
  activePatrolId.value = undefined;
}
