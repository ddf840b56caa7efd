import type { Kysely, Selectable } from 'kysely';
import type { GridRecord } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { executeInsert } from './compiled-inserts';
import type { Database, RecordsTable } from './schema';
import { chunks, MAX_IDS, rowsPerStatement } from './statement-chunks';
import {
  packBody,
  packEnvelope,
  packedEnvelopeText,
  resolveTracks,
  storeTrackSegments,
  type TrackSegments,
} from './track-store';

type RecordRow = Selectable<RecordsTable>;
const RECORD_COLUMNS = 13;

/**
 * Builds the envelope from a row as stored: a track's points are still references
 * (track-store.ts). Enough for access facts and photo ids; anything served, compared or merged
 * goes through `resolveTracks` (findRecord, findRecords, listChanges do). Rows were validated on
 * the way in, so nothing is checked here.
 */
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

function rowFromRecord(
  record: GridRecord,
  changeSeq: number,
  receivedAt: string,
  segments: TrackSegments,
): RecordRow {
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
    body: JSON.stringify(packBody(record.id, record.body, segments)),
    received_at: receivedAt,
  };
}

export async function findRecord(db: Kysely<Database>, id: string): Promise<GridRecord | undefined> {
  const row = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await resolveTracks(db, [recordFromRow(row)]))[0];
}

/** Rows of records to write, each with its track packed; the segments are kept at its receive time. */
async function packedRows(
  db: Kysely<Database>,
  records: readonly { record: GridRecord; changeSeq: number; receivedAt: string }[],
): Promise<RecordRow[]> {
  const byTime = new Map<string, TrackSegments>();
  const rows = records.map(({ record, changeSeq, receivedAt }) => {
    const segments = byTime.get(receivedAt) ?? new Map();
    byTime.set(receivedAt, segments);
    return rowFromRecord(record, changeSeq, receivedAt, segments);
  });
  for (const [at, segments] of byTime) await storeTrackSegments(db, segments, at);
  return rows;
}

/**
 * Inserts new records and their first revisions (call inside a transaction); an id that exists
 * already fails on the primary key. `receivedAt` is the server's clock, never the device's.
 */
export async function insertRecords(
  db: Kysely<Database>,
  records: readonly { record: GridRecord; changeSeq: number; receivedAt: string }[],
): Promise<void> {
  await insertRecordRows(db, records);
  const at = records[0]?.receivedAt;
  if (at === undefined) return;
  await insertRevisions(
    db,
    records.map(({ record }) => record),
    at,
  );
}

/** Inserts the rows of new records only, without their revisions (the caller keeps those). */
export async function insertRecordRows(
  db: Kysely<Database>,
  records: readonly { record: GridRecord; changeSeq: number; receivedAt: string }[],
): Promise<void> {
  const rows = await packedRows(db, records);
  for (const chunk of chunks(rows, rowsPerStatement(RECORD_COLUMNS))) {
    await executeInsert(db, 'records', chunk, (values) => db.insertInto('records').values([...values]));
  }
}

/** The stored records of `ids` (those the server has), by id. */
export async function findRecords(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, GridRecord>> {
  const found = new Map<string, GridRecord>();
  for (const chunk of chunks(ids, MAX_IDS)) {
    const rows = await db.selectFrom('records').selectAll().where('id', 'in', chunk).execute();
    for (const record of await resolveTracks(db, rows.map(recordFromRow))) found.set(record.id, record);
  }
  return found;
}

/** The grid each of the stored records among `ids` is in, by id. */
export async function findRecordGrids(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks(ids, MAX_IDS)) {
    const rows = await db.selectFrom('records').select(['id', 'grid_id']).where('id', 'in', chunk).execute();
    for (const row of rows) found.set(row.id, row.grid_id);
  }
  return found;
}

/**
 * Writes the rows of records the server already has (call inside a transaction), each only over
 * an older rev of it; throws if any was not there at an older rev, which the street locks rule
 * out, so a broken invariant aborts the push instead of overwriting.
 */
export async function updateRecords(
  db: Kysely<Database>,
  records: readonly { record: GridRecord; changeSeq: number; receivedAt: string }[],
): Promise<void> {
  const rows = await packedRows(db, records);
  for (const chunk of chunks(rows, rowsPerStatement(RECORD_COLUMNS))) {
    // An upsert is the one multi-row update both SQLite and PostgreSQL take with the same SQL.
    const written = await executeInsert(db, 'records.update', chunk, (values) =>
      db
        .insertInto('records')
        .values([...values])
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              grid_id: eb.ref('excluded.grid_id'),
              rev: eb.ref('excluded.rev'),
              change_seq: eb.ref('excluded.change_seq'),
              deleted: eb.ref('excluded.deleted'),
              created_at: eb.ref('excluded.created_at'),
              created_by: eb.ref('excluded.created_by'),
              updated_at: eb.ref('excluded.updated_at'),
              updated_by: eb.ref('excluded.updated_by'),
              schema_version: eb.ref('excluded.schema_version'),
              body: eb.ref('excluded.body'),
              received_at: eb.ref('excluded.received_at'),
            }))
            .where('records.rev', '<', (eb) => eb.ref('excluded.rev')),
        ),
    );
    if (written !== chunk.length) {
      throw new Error('A record changed during its push');
    }
  }
}

/** Remembers each record's departure from a grid by a move (a pull of that grid names it in `removed`). */
export async function recordDepartures(
  db: Kysely<Database>,
  departures: readonly { recordId: string; gridId: string; changeSeq: number }[],
): Promise<void> {
  for (const chunk of chunks(departures, rowsPerStatement(3))) {
    await db
      .insertInto('record_departures')
      .values(chunk.map((d) => ({ record_id: d.recordId, grid_id: d.gridId, change_seq: d.changeSeq })))
      .onConflict((oc) =>
        oc
          .columns(['record_id', 'grid_id'])
          .doUpdateSet((eb) => ({ change_seq: eb.ref('excluded.change_seq') })),
      )
      .execute();
  }
}

/** The kept revisions among `keys` (record id and rev), as `revisionKey(id, rev)` → envelope. */
export async function findRevisions(
  db: Kysely<Database>,
  keys: readonly { id: string; rev: number }[],
): Promise<Map<string, GridRecord>> {
  const found = new Map<string, GridRecord>();
  for (const chunk of chunks(keys, MAX_IDS)) {
    const rows = await db
      .selectFrom('record_revisions')
      .select(['record_id', 'rev', 'envelope'])
      .where((eb) =>
        eb(
          eb.refTuple('record_id', 'rev'),
          'in',
          chunk.map((key) => eb.tuple(key.id, key.rev)),
        ),
      )
      .execute();
    const envelopes = await resolveTracks(
      db,
      rows.map((row) => JSON.parse(row.envelope) as GridRecord),
    );
    for (const envelope of envelopes) found.set(revisionKey(envelope.id, envelope.rev), envelope);
  }
  return found;
}

export function revisionKey(id: string, rev: number): string {
  return `${id}\u0000${rev}`;
}

/**
 * Rewrites every kept revision of the records `recordIds` through `rewrite` (tombstones erasing
 * personal data); a track the rewrite leaves is kept at `at` if it is new.
 */
export async function rewriteRevisions(
  db: Kysely<Database>,
  recordIds: readonly string[],
  rewrite: (envelope: GridRecord) => GridRecord,
  at: string,
): Promise<void> {
  for (const ids of chunks(recordIds, MAX_IDS)) {
    const rows = await db
      .selectFrom('record_revisions')
      .select(['record_id', 'rev', 'envelope'])
      .where('record_id', 'in', ids)
      .execute();
    const envelopes = await resolveTracks(
      db,
      rows.map((row) => JSON.parse(row.envelope) as GridRecord),
    );
    const segments: TrackSegments = new Map();
    const rewritten = envelopes.map((envelope) => ({
      record_id: envelope.id,
      rev: envelope.rev,
      envelope: JSON.stringify(packEnvelope(rewrite(envelope), segments)),
    }));
    await storeTrackSegments(db, segments, at);
    for (const chunk of chunks(rewritten, rowsPerStatement(3))) {
      await db
        .insertInto('record_revisions')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['record_id', 'rev']).doUpdateSet((eb) => ({ envelope: eb.ref('excluded.envelope') })),
        )
        .execute();
    }
  }
}

/**
 * Keeps these revisions (call inside a transaction); a revision kept already fails on the primary
 * key. Their tracks are stored once (track-store.ts), new segments at `at`, the server's clock.
 */
export async function insertRevisions(
  db: Kysely<Database>,
  records: readonly GridRecord[],
  at: string,
): Promise<void> {
  const segments: TrackSegments = new Map();
  const rows = records.map((record) => ({
    record_id: record.id,
    rev: record.rev,
    envelope: packedEnvelopeText(record, segments),
  }));
  await storeTrackSegments(db, segments, at);
  for (const chunk of chunks(rows, rowsPerStatement(3))) {
    await executeInsert(db, 'record_revisions', chunk, (values) =>
      db.insertInto('record_revisions').values([...values]),
    );
  }
}

/** Where a pull stands in one change partition: its grids of the caller's scope, and the last number seen. */
export interface PartitionPosition {
  partition: string;
  gridIds: readonly string[];
  afterSeq: number;
}

/** One entry of a pull page: a change numbered `changeSeq` in `partition`, and the record as it is now. */
export interface ChangeEntry {
  record: GridRecord;
  partition: string;
  changeSeq: number;
}

/**
 * The changes after each position (pull-cursor.ts says why this cannot skip one): records
 * (tombstones included) of the given kinds numbered after the position of their grid's partition,
 * and records that left one of the grids by a move numbered after that grid's position (the
 * caller decides what each of those is to them; the entry is the record as it is now), oldest
 * number first, at most `limit`. A record can be two entries (its row and its departure).
 */
export async function listChanges(
  db: Kysely<Database>,
  kinds: readonly RecordKind[],
  positions: readonly PartitionPosition[],
  limit: number,
): Promise<ChangeEntry[]> {
  const parts = positions.filter((position) => position.gridIds.length > 0);
  if (parts.length === 0 || kinds.length === 0) return [];
  // The first `limit` of each set, unioned in ONE statement: one snapshot, so a push committing in
  // between cannot put a later change on the page ahead of an earlier one missed (the cursor would
  // skip it). Each part keeps its own index; the first `limit` of the union are the first overall.
  const changed = db
    .selectFrom('records')
    .selectAll()
    .select(['grid_id as at_grid', 'change_seq as at_seq'])
    .where('kind', 'in', [...kinds])
    .where((eb) =>
      eb.or(
        parts.map((part) =>
          eb.and([eb('grid_id', 'in', [...part.gridIds]), eb('change_seq', '>', part.afterSeq)]),
        ),
      ),
    )
    .orderBy('change_seq')
    .orderBy('grid_id')
    .limit(limit);
  const departed = db
    .selectFrom('record_departures as d')
    .innerJoin('records', 'records.id', 'd.record_id')
    .selectAll('records')
    .select(['d.grid_id as at_grid', 'd.change_seq as at_seq'])
    .where('records.kind', 'in', [...kinds])
    .where((eb) =>
      eb.or(
        parts.map((part) =>
          eb.and([eb('d.grid_id', 'in', [...part.gridIds]), eb('d.change_seq', '>', part.afterSeq)]),
        ),
      ),
    )
    .orderBy('d.change_seq')
    .orderBy('d.grid_id')
    .limit(limit);
  const rows = await db
    .selectFrom(changed.as('in_grids'))
    .selectAll()
    .unionAll(db.selectFrom(departed.as('departed')).selectAll())
    .execute();
  const partitionOf = new Map(
    parts.flatMap((part) => part.gridIds.map((gridId) => [gridId, part.partition])),
  );
  const page = rows
    .map((row) => ({
      row,
      partition: partitionOf.get(row.at_grid) ?? '',
      changeSeq: Number(row.at_seq),
      grid: row.at_grid,
    }))
    .sort((a, b) => a.changeSeq - b.changeSeq || (a.grid < b.grid ? -1 : a.grid > b.grid ? 1 : 0))
    .slice(0, limit);
  // Stored bodies name their track segments (track-store.ts): served resolved, in one read.
  const records = await resolveTracks(
    db,
    page.map((entry) => recordFromRow(entry.row)),
  );
  return page.map((entry, i) => ({
    record: records[i] as GridRecord,
    partition: entry.partition,
    changeSeq: entry.changeSeq,
  }));
}

/** Rows per page when a whole area's live records are walked page by page (exports). */
export const LIVE_PAGE_ROWS = 1_000;

/**
 * The live records (no tombstones) of `gridIds` and `kinds`, as stored, one page at a time, grid
 * by grid, on the (grid_id, change_seq) index (listLiveRecordPage): one walk of each grid's index
 * for all the kinds, not one per kind.
 */
export async function* liveRecordPages(
  db: Kysely<Database>,
  gridIds: readonly string[],
  kinds: readonly RecordKind[],
  pageRows = LIVE_PAGE_ROWS,
): AsyncGenerator<GridRecord[]> {
  for (const gridId of gridIds) {
    let after: RecordPagePosition | undefined;
    for (;;) {
      const page = await listLiveRecordPage(db, gridId, kinds, after, pageRows);
      const last = page.at(-1);
      if (!last) break;
      after = { changeSeq: last.changeSeq, id: last.id };
      yield page;
      if (page.length < pageRows) break;
    }
  }
}

/**
 * Every live record of the given grids, kinds `kinds`, as stored: what the supervisor's figures
 * count. Tracks stay unresolved: no figure reads a point. Read grid by grid, giving the event loop
 * a turn after each, so a street's whole history does not hold up the server's other requests in
 * one piece (on SQLite every statement and every parse is synchronous). One statement per grid, not
 * keyset pages: PostgreSQL sorts each page of a grid anew, and pages made the call 2.9x a raw read.
 */
export async function listLiveRecords(
  db: Kysely<Database>,
  gridIds: readonly string[],
  kinds: readonly RecordKind[],
): Promise<GridRecord[]> {
  const records: GridRecord[] = [];
  for (const gridId of gridIds) {
    const rows = await db
      .selectFrom('records')
      .selectAll()
      .where('grid_id', '=', gridId)
      .where('kind', 'in', [...kinds])
      .where('deleted', '=', 0)
      .execute();
    for (const row of rows) records.push(recordFromRow(row));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return records;
}

/** Where an export's walk of one grid stands: the last record read, by change number then id. */
export interface RecordPagePosition {
  changeSeq: number;
  id: string;
}

/**
 * One page of the live records of `kinds` in one grid after `after`, by (change number, id), as
 * stored (tracks unresolved): what an export reads, page by page. Keyset on the
 * (grid_id, change_seq) index, so each page costs the same however deep into the grid it is;
 * the id breaks ties (a change number is unique in its partition, but nothing relies on it).
 */
export async function listLiveRecordPage(
  db: Kysely<Database>,
  gridId: string,
  kinds: readonly RecordKind[],
  after: RecordPagePosition | undefined,
  limit: number,
): Promise<(GridRecord & { changeSeq: number })[]> {
  let query = db
    .selectFrom('records')
    .selectAll()
    .where('grid_id', '=', gridId)
    .where('kind', 'in', [...kinds])
    .where('deleted', '=', 0);
  // A row-value comparison, not `a > x OR (a = x AND b > y)`: SQLite turns only the former into
  // a range of the index; the OR made every page scan the grid from its start.
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple('change_seq', 'id'), '>', eb.tuple(after.changeSeq, after.id)),
    );
  const rows = await query.orderBy('change_seq').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ ...recordFromRow(row), changeSeq: Number(row.change_seq) }));
}
