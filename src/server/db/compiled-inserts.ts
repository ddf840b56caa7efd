/**
 * Multi-row inserts whose SQL is built once and reused. Kysely builds a query tree node by node for
 * every value of every row and compiles it anew on each execution: for a push of 500 records that
 * is about 15,000 values across the tables a push writes, 4% of a push profile plus the garbage
 * (issue 15). The SQL of a multi-row insert depends only on its table, columns, conflict clause and
 * number of rows, so Kysely builds and compiles it the first time (the statement is exactly what
 * `build` says) and later batches of that many rows send the same text with their values,
 * row by row in column order (on a database without plugins). Statement chunks (statement-chunks.ts) keep the number of distinct
 * row counts small, and SQLite's statement cache then prepares each text once.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema';
import { isPostgres } from './table-sizes';

/** SQL text by dialect, statement name and row count. */
const texts = new Map<string, string>();
/** Entries past this are not kept (a statement of an unusual size is simply built again). */
const MAX_TEXTS = 512;

/**
 * Runs `build(rows)`'s insert; answers the rows it inserted or updated. Every row must have the
 * same keys in the same order (the columns), and `build` must depend on nothing but `rows`: its
 * first compiled text is reused for every later batch of as many rows under `name`.
 */
export async function executeInsert<R extends object>(
  db: Kysely<Database>,
  name: string,
  rows: readonly R[],
  build: (rows: readonly R[]) => Compilable,
): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  // A plugin may rewrite a query, and sees only the queries Kysely builds: through one (a test's
  // hold, a logger), every insert is built and run as Kysely would. The server's own has none.
  if (db.getExecutor().plugins.length > 0) {
    const result = await db.executeQuery(build(rows).compile());
    return Number(result.numAffectedRows ?? 0n);
  }
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'}\u0000${name}\u0000${rows.length}`;
  const columns = Object.keys(first);
  const parameters: unknown[] = [];
  for (const row of rows)
    for (const column of columns) parameters.push((row as Record<string, unknown>)[column]);
  let text = texts.get(key);
  if (text === undefined) {
    const compiled = build(rows).compile();
    // The reuse relies on Kysely sending every value as a parameter, in this order: checked the
    // one time the text is made, so a query whose parameters do not line up is never kept.
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((value, i) => value === parameters[i]);
    if (!same) throw new Error(`Insert ${name}: its parameters are not its rows' values in column order`);
    text = compiled.sql;
    if (texts.size < MAX_TEXTS) texts.set(key, text);
  }
  const result = await db.executeQuery(CompiledQuery.raw(text, parameters));
  return Number(result.numAffectedRows ?? 0n);
}
