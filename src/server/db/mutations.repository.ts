import type { Kysely } from 'kysely';
import type { MutationResult } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { executeInsert } from './compiled-inserts';
import type { Database, MutationsTable } from './schema';
import { chunks, MAX_IDS, rowsPerStatement } from './statement-chunks';

export interface StoredMutation {
  userId: string;
  recordId: string;
  result: MutationResult;
}

/**
 * The stored first results of those of `ids` the server has seen, by mutation id. A result stored
 * since set-based push carries no record: its record is the kept revision `result.rev` of
 * `recordId`, which the caller reads (results stored before still carry a copy).
 */
export async function findMutations(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, StoredMutation>> {
  const found = new Map<string, StoredMutation>();
  for (const chunk of chunks([...new Set(ids)], MAX_IDS)) {
    const rows = await db
      .selectFrom('mutations')
      .select(['id', 'user_id', 'record_id', 'result'])
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        userId: row.user_id,
        recordId: row.record_id,
        result: JSON.parse(row.result) as MutationResult,
      });
    }
  }
  return found;
}

export interface NewMutation {
  id: string;
  clientId: string;
  seq: number;
  userId: string;
  recordId: string;
  at: string;
  result: MutationResult;
}

/**
 * Stores first results (call inside a transaction); an id stored already fails on the primary key.
 * Every stored result is an applied or merged write whose record is exactly the kept revision at
 * its rev (a delete erases both alike), so the record is not stored a second time: a push writes
 * each record's bytes three times (record, revision, audit), not four.
 */
export async function insertMutations(
  db: Kysely<Database>,
  mutations: readonly NewMutation[],
): Promise<void> {
  for (const chunk of chunks(mutations, rowsPerStatement(7))) {
    const rows = chunk.map(
      (mutation): MutationsTable => ({
        id: mutation.id,
        client_id: mutation.clientId,
        seq: mutation.seq,
        user_id: mutation.userId,
        record_id: mutation.recordId,
        result: JSON.stringify(withoutRecord(mutation.result)),
        created_at: mutation.at,
      }),
    );
    await executeInsert(db, 'mutations', rows, (values) => db.insertInto('mutations').values([...values]));
  }
}

/**
 * Rewrites the record in every stored result of mutations of `recordIds` (tombstones erasing
 * personal data): one read, then one multi-row upsert per chunk.
 */
export async function rewriteStoredResults(
  db: Kysely<Database>,
  recordIds: readonly string[],
  rewrite: (record: GridRecord) => GridRecord,
): Promise<void> {
  for (const ids of chunks(recordIds, MAX_IDS)) {
    const rows = await db.selectFrom('mutations').selectAll().where('record_id', 'in', ids).execute();
    const rewritten = rows.flatMap((row) => {
      const result = JSON.parse(row.result) as MutationResult;
      if (!result.record) return [];
      return [{ ...row, result: JSON.stringify({ ...result, record: rewrite(result.record) }) }];
    });
    for (const chunk of chunks(rewritten, rowsPerStatement(7))) {
      await db
        .insertInto('mutations')
        .values(chunk)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ result: eb.ref('excluded.result') })))
        .execute();
    }
  }
}

function withoutRecord(result: MutationResult): MutationResult {
  const { record: _kept, ...rest } = result;
  return rest;
}
