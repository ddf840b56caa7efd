/**
 * Change sequence numbers, one sequence per partition (issue 15, item 3): on PostgreSQL a
 * partition is a street, so pushes to different streets take different counter rows and commit
 * concurrently; on SQLite, which runs one write transaction at a time anyway, everything is the
 * one partition '' (the counter row `change`, as before partitions existed). Why a reader cannot
 * skip a change with this is written where readers bound their reads: pull-cursor.ts.
 */
import { type Kysely, sql } from 'kysely';
import { CHANGE_COUNTER } from './migration-support';
import { streetsOfGrids } from './orgs.repository';
import type { Database } from './schema';
import { isPostgres } from './table-sizes';

/** The partition of grids without a street, and of everything on SQLite: the counter `change`. */
export const BASE_PARTITION = '';

/** The counter row of a partition's sequence. */
export function counterName(partition: string): string {
  return partition === BASE_PARTITION ? CHANGE_COUNTER : `${CHANGE_COUNTER}:${partition}`;
}

/** Whether changes are numbered per street (PostgreSQL) or in the one base partition (SQLite). */
export function partitionsByStreet(db: Kysely<Database>): boolean {
  return isPostgres(db);
}

/** The partition of each of `gridIds`: its street on PostgreSQL (BASE_PARTITION without one). */
export async function partitionsOfGrids(
  db: Kysely<Database>,
  gridIds: readonly string[],
): Promise<Map<string, string>> {
  const streets = partitionsByStreet(db) ? await streetsOfGrids(db, gridIds) : new Map<string, string>();
  return new Map(gridIds.map((gridId) => [gridId, streets.get(gridId) ?? BASE_PARTITION]));
}

/**
 * Locks the counter rows of `partitions` until the transaction ends, without taking a number,
 * creating a street's row on its first use. A push locks every partition it may write before it
 * reads anything it decides on, so two pushes that touch a record of the same street decide one
 * after the other (each sees the other committed) and each partition's numbers commit in order.
 *
 * Rows are locked one at a time in sorted order, so two pushes that share partitions cannot
 * deadlock. A street's row starts at the base counter's value: every cursor made before
 * partitions existed is at most that, and every number of the street is above it.
 */
export async function lockPartitions(db: Kysely<Database>, partitions: Iterable<string>): Promise<void> {
  for (const partition of [...new Set(partitions)].sort()) {
    if (partition === BASE_PARTITION) {
      await db
        .updateTable('counters')
        .set((eb) => ({ value: eb.ref('value') }))
        .where('name', '=', CHANGE_COUNTER)
        .execute();
      continue;
    }
    // Insert-or-lock in one statement: DO UPDATE takes the row lock like the UPDATE above does.
    await db
      .insertInto('counters')
      .columns(['name', 'value'])
      .expression((eb) =>
        eb
          .selectFrom('counters')
          .select([sql.lit(counterName(partition)).as('name'), 'value'])
          .where('name', '=', CHANGE_COUNTER),
      )
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('counters.value') })))
      .execute();
  }
}

/**
 * Takes `count` numbers of `partition`'s sequence and answers the last one. Call it inside the
 * write transaction, after lockPartitions took the partition's row (the lock is what makes the
 * partition's numbers commit in order).
 */
export async function takeChangeSeqs(
  db: Kysely<Database>,
  partition: string = BASE_PARTITION,
  count = 1,
): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', counterName(partition))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * The last number handed out in each of `partitions` (a street that has not written yet stands
 * at the base counter, where its numbers will start).
 */
export async function currentChangeSeqs(
  db: Kysely<Database>,
  partitions: readonly string[],
): Promise<Map<string, number>> {
  const names = new Set([CHANGE_COUNTER, ...partitions.map(counterName)]);
  const rows = await db
    .selectFrom('counters')
    .select(['name', 'value'])
    .where('name', 'in', [...names])
    .execute();
  const byName = new Map(rows.map((row) => [row.name, Number(row.value)]));
  const base = byName.get(CHANGE_COUNTER) ?? 0;
  return new Map(partitions.map((partition) => [partition, byName.get(counterName(partition)) ?? base]));
}
