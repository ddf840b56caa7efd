import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/** The running patrol's start time, for the clock. */
export function usePatrolStart(patrolId: string | undefined): number | undefined {
  const db = currentDb.value;
  return useLiveQuery(async () => {
    const row = db && patrolId ? await db.records.get(patrolId) : undefined;
    return row?.record.kind === 'patrol' ? Date.parse(row.record.body.startedAt) : undefined;
  }, [db, patrolId]);
}
