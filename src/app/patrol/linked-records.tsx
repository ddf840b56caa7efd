import type { LocalDb, LocalRecord } from '../../sync/local-db';
import { RecordRow } from '../components/record-row';
import { gridNames } from '../lib/grid-names';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/**
 * Records whose body points to the patrol (`patrolId`). A scan, not an index: the device keeps a
 * few thousand records, and an index would need a Dexie version of its own.
 */
async function linkedTo(db: LocalDb, patrolId: string): Promise<LocalRecord[]> {
  const rows = await db.records
    .filter((row) => !row.record.deleted && (row.record.body as { patrolId?: string }).patrolId === patrolId)
    .toArray();
  return rows.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}

/** The records made during a patrol, as list rows that open them. */
export function LinkedRecords({ patrolId, empty }: { patrolId: string; empty: string }) {
  const db = currentDb.value;
  const rows = useLiveQuery(async () => (db ? linkedTo(db, patrolId) : []), [db, patrolId]);
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  if (!rows) return null;
  const names = gridNames(grids ?? []);
  if (rows.length === 0) return <p class="patrol-note">{empty}</p>;
  const now = new Date();
  return (
    <ul class="record-list patrol-linked">
      {rows.map((row) => (
        <RecordRow key={row.id} row={row} gridName={names.get(row.gridId)} now={now} />
      ))}
    </ul>
  );
}
