/**
 * Pulled records this app does not show, kept up to date page by page:
 * - opaque rows: a kind or body version only a newer app knows, kept whole (OpaqueRecord) so the
 *   app reads them itself once it updates;
 * - unreadable ids (meta `unreadableRecords`): a kind and version this app knows whose body breaks
 *   its schema — server data it cannot show, of which only the id is kept.
 * A later change of the same id settles either: a readable record, a removal or a tombstone clears
 * it, a newer app's version replaces it. The settings row counts both (local-db.ts countNotShown).
 */
import type { ChangeEnvelope } from '../domain/change-envelope';
import { type LocalDb, unreadableIds } from './local-db';

/** What one pull page (or the start-up pass) settled about records not shown. */
export interface NotShownChanges {
  /** Ids that arrived as readable records. */
  records: readonly string[];
  /** Changes only a newer app reads (tombstones among them only clear). */
  newer: readonly ChangeEnvelope[];
  /** Ids whose change this app cannot read. */
  unreadable: readonly string[];
  /** Ids the server says left the caller's view. */
  removed: readonly string[];
}

/** Keeps opaque rows and unreadable ids up to date (call inside the page's transaction). */
export async function noteNotShown(db: LocalDb, changes: NotShownChanges): Promise<void> {
  const tombstones = changes.newer.filter((change) => change.deleted).map((change) => change.id);
  // Almost always there is no opaque row to settle: a page's worth of deletes is not free.
  if ((await db.opaqueRecords.count()) > 0) {
    await db.opaqueRecords.bulkDelete([
      ...changes.records,
      ...changes.unreadable,
      ...changes.removed,
      ...tombstones,
    ]);
  }
  const kept = changes.newer.filter((change) => !change.deleted);
  if (kept.length > 0) await db.opaqueRecords.bulkPut(kept.map((change) => ({ id: change.id, change })));

  const before = await unreadableIds(db);
  if (!before && changes.unreadable.length === 0) return;
  const cleared = new Set([...changes.records, ...changes.removed, ...changes.newer.map((c) => c.id)]);
  const ids = [...new Set([...(before ?? []).filter((id) => !cleared.has(id)), ...changes.unreadable])];
  await db.meta.put({ key: 'unreadableRecords', value: { ids } });
}

/** The end of a reset re-pull: what the server did not send again is no longer the caller's. */
export async function keepOnlySeen(db: LocalDb, seen: ReadonlySet<string>): Promise<void> {
  const opaqueIds = (await db.opaqueRecords.toCollection().primaryKeys()) as string[];
  await db.opaqueRecords.bulkDelete(opaqueIds.filter((id) => !seen.has(id)));
  const before = await unreadableIds(db);
  if (before)
    await db.meta.put({ key: 'unreadableRecords', value: { ids: before.filter((id) => seen.has(id)) } });
}
