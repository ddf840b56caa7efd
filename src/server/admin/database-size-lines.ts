/** `npm run admin -- db-size`: the database's size by table, largest first, as aligned lines. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { databaseSize, formatBytes } from '../db/table-sizes';

export async function databaseSizeLines(db: Kysely<Database>): Promise<string[]> {
  const { dialect, tables, totalBytes } = await databaseSize(db);
  const width = Math.max(5, ...tables.map((t) => t.table.length)) + 2;
  const row = (name: string, rows: string, bytes: string) =>
    `${name.padEnd(width)}${rows.padStart(12)}${bytes.padStart(12)}`;
  const tableBytes = tables.reduce((sum, t) => sum + t.bytes, 0);
  return [
    row('table', 'rows', 'size'),
    ...tables.map((t) => row(t.table, t.rows.toLocaleString('en'), formatBytes(t.bytes))),
    row('tables', '', formatBytes(tableBytes)),
    dialect === 'sqlite'
      ? `database file: ${formatBytes(totalBytes)} (the rest is free pages and SQLite's own schema)`
      : `database: ${formatBytes(totalBytes)} (pg_database_size, with the catalogue)`,
    'Sizes include indexes (and on PostgreSQL, TOAST); GPS tracks live in records.body, record_revisions, audit_log and mutations.result.',
  ];
}
