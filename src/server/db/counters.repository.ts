import type { Kysely } from 'kysely';
import { CHANGE_COUNTER } from './migration-support';
import type { Database } from './schema';

/**
 * Takes `count` change sequence numbers and answers the last one. Call it inside the write
 * transaction: on PostgreSQL the row lock it takes is held until commit, so change_seq values
 * commit in order and a pull cursor never skips a change that commits late.
 */
export async function takeChangeSeqs(db: Kysely<Database>, count = 1): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', CHANGE_COUNTER)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Locks the change counter row until the transaction ends, without taking a number. A push takes
 * it first so that, on PostgreSQL, pushes decide one after another: each sees every earlier push
 * committed (a replayed mutation id is a duplicate, never a conflict with its own first apply).
 * SQLite runs one write transaction at a time anyway.
 */
export async function lockChangeCounter(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('counters')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('name', '=', CHANGE_COUNTER)
    .execute();
}

/** The last change sequence number handed out. */
export async function currentChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', CHANGE_COUNTER)
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
