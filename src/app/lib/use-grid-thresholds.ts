import { type StreetThresholds, streetThresholds } from '../../domain/street-thresholds';
import { thresholdsOfGrid } from '../../sync/local-db';
import { currentDb } from '../status/session';
import { useLiveQuery } from './use-live-query';

/** The checklist thresholds of the grid's street, as last synced; the defaults until they are read. */
export function useGridThresholds(gridId: string | undefined): StreetThresholds {
  const db = currentDb.value;
  const thresholds = useLiveQuery(
    async () => (db && gridId ? thresholdsOfGrid(db, gridId) : streetThresholds()),
    [db, gridId],
  );
  return thresholds ?? streetThresholds();
}
