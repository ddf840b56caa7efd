/** What migrations share: the change counter's name, the Kysely<any> they take, keyset visits, sha256. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

/** Name of the counter row that hands out change sequence numbers. */
export const CHANGE_COUNTER = 'change';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above; Kysely's documented pattern for migrations.
export type AnyDb = Kysely<any>;

/** Rows per insert when backfilling: 3 parameters a row stays far below SQLite's variable limit. */
export const BACKFILL_CHUNK_ROWS = 500;

/** Visits every row of `table` in keyset pages, so a large table is never held in memory whole. */
export async function forEachRow(
  db: AnyDb,
  table: string,
  key: string | readonly [string, string],
  // biome-ignore lint/suspicious/noExplicitAny: a row of Kysely<any>, see AnyDb.
  visit: (row: any) => Promise<void>,
): Promise<void> {
  const [first, second] = typeof key === 'string' ? [key, undefined] : key;
  // biome-ignore lint/suspicious/noExplicitAny: a row of Kysely<any>, see AnyDb.
  let after: any;
  for (;;) {
    let query = db.selectFrom(table).selectAll().orderBy(first).limit(BACKFILL_CHUNK_ROWS);
    if (second) query = query.orderBy(second);
    if (after !== undefined) {
      query = second
        ? query.where((eb) =>
            eb.or([
              eb(first, '>', after[first]),
              eb.and([eb(first, '=', after[first]), eb(second, '>', after[second])]),
            ]),
          )
        : query.where(first, '>', after[first]);
    }
    const rows = await query.execute();
    for (const row of rows) await visit(row);
    after = rows.at(-1);
    if (after === undefined) break;
  }
}

/** sha256 of UTF-8 text, base64url: a fixed function, so a migration may use it and stay frozen. */
export function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
