import type { Kysely } from 'kysely';
import type { MutationResult } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import type { Database } from './schema';

export interface StoredMutation {
  userId: string;
  result: MutationResult;
}

export async function findMutation(db: Kysely<Database>, id: string): Promise<StoredMutation | undefined> {
  const row = await db
    .selectFrom('mutations')
    .select(['user_id', 'result'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { userId: row.user_id, result: JSON.parse(row.result) as MutationResult };
}

export async function insertMutation(
  db: Kysely<Database>,
  mutation: { id: string; clientId: string; seq: number; userId: string; recordId: string; at: string },
  result: MutationResult,
): Promise<void> {
  await db
    .insertInto('mutations')
    .values({
      id: mutation.id,
      client_id: mutation.clientId,
      seq: mutation.seq,
      user_id: mutation.userId,
      record_id: mutation.recordId,
      result: JSON.stringify(result),
      created_at: mutation.at,
    })
    .execute();
}

/** Rewrites the record in every stored result of mutations of `recordId` (a tombstone erasing personal data). */
export async function rewriteStoredResults(
  db: Kysely<Database>,
  recordId: string,
  rewrite: (record: GridRecord) => GridRecord,
): Promise<void> {
  const rows = await db
    .selectFrom('mutations')
    .select(['id', 'result'])
    .where('record_id', '=', recordId)
    .execute();
  for (const row of rows) {
    const result = JSON.parse(row.result) as MutationResult;
    if (!result.record) continue;
    await db
      .updateTable('mutations')
      .set({ result: JSON.stringify({ ...result, record: rewrite(result.record) }) })
      .where('id', '=', row.id)
      .execute();
  }
}
