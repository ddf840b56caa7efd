import type { Migration } from 'kysely';
import { type AnyDb, BACKFILL_CHUNK_ROWS } from '../migration-support';

/**
 * Keeps every revision of every record (the base a stale push is merged against), starting with
 * the current revision of each record that exists already.
 */
export const recordRevisions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('record_revisions')
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('rev', 'integer', (col) => col.notNull())
      .addColumn('envelope', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('record_revisions_pk', ['record_id', 'rev'])
      .execute();

    // Keyset pages by id, so a large table is never held in memory whole.
    let afterId = '';
    for (;;) {
      const rows = await db
        .selectFrom('records')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(BACKFILL_CHUNK_ROWS)
        .execute();
      const last = rows.at(-1);
      if (last === undefined) break;
      await db
        .insertInto('record_revisions')
        .values(rows.map((row) => ({ record_id: row.id, rev: row.rev, envelope: envelopeAt0002(row) })))
        .execute();
      afterId = last.id;
    }
  },
};

/** The wire envelope of a `records` row as the table stood at 0002 (kept here, not imported: history). */
// biome-ignore lint/suspicious/noExplicitAny: a row of Kysely<any>, see AnyDb.
function envelopeAt0002(row: any): string {
  return JSON.stringify({
    id: row.id,
    kind: row.kind,
    gridId: row.grid_id,
    rev: Number(row.rev),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deleted: Number(row.deleted) === 1,
    schemaVersion: Number(row.schema_version),
    body: JSON.parse(row.body),
  });
}
