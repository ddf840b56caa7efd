/**
 * How much room each table takes, on either dialect: what `npm run admin -- db-size` prints and
 * what bench/track-storage.ts measures. Bytes are the pages the table and its indexes occupy
 * (SQLite's dbstat; PostgreSQL's pg_total_relation_size, which includes TOAST), not the length of
 * the values in it.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './schema';

export interface TableSize {
  table: string;
  rows: number;
  /** Table, its indexes and (PostgreSQL) its TOAST data. */
  bytes: number;
}

export interface DatabaseSize {
  dialect: 'sqlite' | 'postgres';
  /** Largest first. */
  tables: TableSize[];
  /** The whole database: SQLite's file (pages in use and free), PostgreSQL's pg_database_size. */
  totalBytes: number;
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function databaseSize(db: Kysely<Database>): Promise<DatabaseSize> {
  const postgres = isPostgres(db);
  const sized = postgres ? await postgresTableBytes(db) : await sqliteTableBytes(db);
  const tables: TableSize[] = [];
  for (const { table, bytes } of sized) {
    // Table names come from the catalogue, never from input; quoted all the same.
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.id(table)}`.execute(
      db,
    );
    tables.push({ table, rows: Number(rows[0]?.n ?? 0), bytes });
  }
  tables.sort((a, b) => b.bytes - a.bytes || a.table.localeCompare(b.table));
  const totalBytes = postgres ? await postgresDatabaseBytes(db) : await sqliteFileBytes(db);
  return { dialect: postgres ? 'postgres' : 'sqlite', tables, totalBytes };
}

async function sqliteTableBytes(db: Kysely<Database>): Promise<{ table: string; bytes: number }[]> {
  // dbstat names each b-tree (table or index); sqlite_schema says which table an index belongs to.
  const { rows } = await sql<{ table: string; bytes: number }>`
    SELECT s.tbl_name AS "table", coalesce(sum(d.pgsize), 0) AS bytes
    FROM sqlite_schema s LEFT JOIN dbstat d ON d.name = s.name
    WHERE s.type IN ('table', 'index') AND s.tbl_name NOT LIKE 'sqlite_%'
    GROUP BY s.tbl_name`.execute(db);
  return rows.map((row) => ({ table: row.table, bytes: Number(row.bytes) }));
}

async function sqliteFileBytes(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ bytes: number }>`
    SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

async function postgresTableBytes(db: Kysely<Database>): Promise<{ table: string; bytes: number }[]> {
  const { rows } = await sql<{ table: string; bytes: number | string }>`
    SELECT c.relname AS "table", pg_total_relation_size(c.oid) AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`.execute(db);
  return rows.map((row) => ({ table: row.table, bytes: Number(row.bytes) }));
}

async function postgresDatabaseBytes(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ bytes: number | string }>`
    SELECT pg_database_size(current_database()) AS bytes`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

/** 1,536 B · 12.3 KB · 4.56 MB · 1.20 GB (1 KB = 1,024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en')} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}
