/**
 * Set-based writes send many rows per statement; these keep each statement within what both
 * databases take (SQLite at most 32,766 parameters, PostgreSQL 65,535), so a 500-mutation push
 * still writes each table with one statement, and the statement's text repeats from push to push
 * (SQLite's statement cache in database.ts then prepares it once).
 */
const MAX_PARAMETERS = 30_000;

/** Ids per `in (…)` list. */
export const MAX_IDS = 1_000;

/** How many rows of `columns` columns one statement may carry. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / columns));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
