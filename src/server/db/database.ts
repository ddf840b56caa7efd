import SQLite from 'better-sqlite3';
import { type Dialect, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import { createPrimaryPool } from './primary-pool';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export type DatabaseConfig = { sqlitePath: string } | { url: string };

const PG_INT8_OID = 20;

/** Opens SQLite (a file) or PostgreSQL (a postgres:// url) and migrates it to the latest schema. */
export async function openDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect: 'url' in config ? postgresDialect(config.url) : sqliteDialect(config.sqlitePath),
  });
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db.destroy();
    throw new Error(
      `Could not migrate the database: ${String(error instanceof Error ? error.message : error)}`,
      {
        cause: error,
      },
    );
  }
  return db;
}

function sqliteDialect(path: string): Dialect {
  const sqlite = new SQLite(path);
  // WAL lets pulls read while a push writes; NORMAL is durable across app crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: withStatementCache(sqlite) });
}

/** Connections per server process on PostgreSQL (push-route.ts keeps some of them for reads). */
export const POSTGRES_POOL_SIZE = 10;

/**
 * PostgreSQL through a pool that follows the writable primary: `url` may list several hosts
 * (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=read-write`), see primary-pool.ts.
 */
function postgresDialect(url: string): Dialect {
  const pool = createPrimaryPool(url, {
    max: POSTGRES_POOL_SIZE,
    // bigint columns (change_seq, seq) come back as numbers: they stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return new PostgresDialect({ pool });
}
