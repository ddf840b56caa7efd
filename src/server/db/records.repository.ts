import type { Kysely, Selectable } from 'kysely';
import type { GridRecord } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import type { Database, RecordsTable } from './schema';

type RecordRow = Selectable<RecordsTable>;

/** Builds the wire envelope from a row. Rows were validated on the way in, so nothing is checked here. */
export function recordFromRow(row: RecordRow): GridRecord {
  return {
    id: row.id,
    kind: row.kind,
    gridId: row.grid_id,
    rev: row.rev,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deleted: row.deleted === 1,
    schemaVersion: row.schema_version,
    body: JSON.parse(row.body),
  } as GridRecord;
}

function rowFromRecord(record: GridRecord, changeSeq: number, receivedAt: string): RecordRow {
  return {
    id: record.id,
    kind: record.kind,
    grid_id: record.gridId,
    rev: record.rev,
    change_seq: changeSeq,
    deleted: record.deleted ? 1 : 0,
    created_at: record.createdAt,
    created_by: record.createdBy,
    updated_at: record.updatedAt,
    updated_by: record.updatedBy,
    schema_version: record.schemaVersion,
    body: JSON.stringify(record.body),
    received_at: receivedAt,
  };
}

export async function findRecord(db: Kysely<Database>, id: string): Promise<GridRecord | undefined> {
  const row = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  return row && recordFromRow(row);
}

/**
 * Inserts new records and their first revisions (call inside a transaction); an id that exists
 * already fails on the primary key. `receivedAt` is the server's clock, never the device's.
 */
export async function insertRecords(
  db: Kysely<Database>,
  records: readonly { record: GridRecord; changeSeq: number; receivedAt: string }[],
): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('records')
    .values(records.map(({ record, changeSeq, receivedAt }) => rowFromRecord(record, changeSeq, receivedAt)))
    .execute();
  await insertRevisions(
    db,
    records.map(({ record }) => record),
  );
}

/**
 * Replaces a record only if it is still at `stored.rev`, and keeps the new revision (call inside
 * a transaction); answers whether it was replaced. A move to another grid is remembered as the
 * record's departure from `stored.gridId`, so that grid's pulls can name it in `removed`.
 */
export async function replaceRecord(
  db: Kysely<Database>,
  record: GridRecord,
  changeSeq: number,
  stored: { rev: number; gridId: string },
  receivedAt: string,
): Promise<boolean> {
  const { id, ...row } = rowFromRecord(record, changeSeq, receivedAt);
  const result = await db
    .updateTable('records')
    .set(row)
    .where('id', '=', id)
    .where('rev', '=', stored.rev)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await insertRevisions(db, [record]);
  if (stored.gridId !== record.gridId) {
    await db
      .insertInto('record_departures')
      .values({ record_id: id, grid_id: stored.gridId, change_seq: changeSeq })
      .onConflict((oc) => oc.columns(['record_id', 'grid_id']).doUpdateSet({ change_seq: changeSeq }))
      .execute();
  }
  return true;
}

/** The record as it was at `rev`, if the server kept that revision. */
export async function findRevision(
  db: Kysely<Database>,
  id: string,
  rev: number,
): Promise<GridRecord | undefined> {
  const row = await db
    .selectFrom('record_revisions')
    .select('envelope')
    .where('record_id', '=', id)
    .where('rev', '=', rev)
    .executeTakeFirst();
  return row && (JSON.parse(row.envelope) as GridRecord);
}

/** Rewrites every kept revision of a record through `rewrite` (a tombstone erasing personal data). */
export async function rewriteRevisions(
  db: Kysely<Database>,
  recordId: string,
  rewrite: (envelope: GridRecord) => GridRecord,
): Promise<void> {
  const rows = await db
    .selectFrom('record_revisions')
    .select(['rev', 'envelope'])
    .where('record_id', '=', recordId)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('record_revisions')
      .set({ envelope: JSON.stringify(rewrite(JSON.parse(row.envelope) as GridRecord)) })
      .where('record_id', '=', recordId)
      .where('rev', '=', row.rev)
      .execute();
  }
}

async function insertRevisions(db: Kysely<Database>, records: readonly GridRecord[]): Promise<void> {
  await db
    .insertInto('record_revisions')
    .values(
      records.map((record) => ({ record_id: record.id, rev: record.rev, envelope: JSON.stringify(record) })),
    )
    .execute();
}

/**
 * Records (tombstones included) of the given kinds changed after `afterSeq` that are in the given
 * grids or left one of them after `afterSeq` (the caller decides what each of those is to them),
 * oldest change first, at most `limit`.
 */
export async function listChanges(
  db: Kysely<Database>,
  scope: { gridIds: readonly string[]; kinds: readonly RecordKind[] },
  afterSeq: number,
  limit: number,
): Promise<{ record: GridRecord; changeSeq: number }[]> {
  if (scope.gridIds.length === 0 || scope.kinds.length === 0) return [];
  const changed = () =>
    db
      .selectFrom('records')
      .selectAll()
      .where('kind', 'in', [...scope.kinds])
      .where('change_seq', '>', afterSeq)
      .orderBy('change_seq')
      .limit(limit);
  const departed = db
    .selectFrom('record_departures')
    .select('record_id')
    .where('grid_id', 'in', [...scope.gridIds])
    .where('change_seq', '>', afterSeq);
  // The first `limit` of each set, unioned in ONE statement: one snapshot, so a push committing in
  // between cannot put a later change on the page ahead of an earlier one missed (the cursor would
  // skip it). Each part keeps its own index; the first `limit` of the union are the first overall.
  const rows = await db
    .selectFrom(
      changed()
        .where('grid_id', 'in', [...scope.gridIds])
        .as('in_grids'),
    )
    .selectAll()
    .unionAll(db.selectFrom(changed().where('id', 'in', departed).as('departed')).selectAll())
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...byId.values()]
    .map((row) => ({ record: recordFromRow(row), changeSeq: Number(row.change_seq) }))
    .sort((a, b) => a.changeSeq - b.changeSeq)
    .slice(0, limit);
}
