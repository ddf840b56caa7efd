/**
 * Databases at an older migration, for tests of the migrations after it: migrate up to a name, fill
 * the tables as they were then, and open the database (which runs the rest).
 */
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import { migrationProvider } from '../../src/server/db/migrations/index';
import type { Database } from '../../src/server/db/schema';
import { type DIALECTS, emptyStorage } from '../support/test-server';

// biome-ignore lint/suspicious/noExplicitAny: the schema at an older migration, not today's types.
export type OldDb = Kysely<any>;

function rawDatabase(config: DatabaseConfig): OldDb {
  const dialect =
    'url' in config
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(config.sqlitePath) });
  return new Kysely<Database>({ dialect });
}

/** A database migrated up to `migration`, filled by `fill`, then opened (which runs the rest). */
export async function migratedFrom(
  dialect: (typeof DIALECTS)[number],
  migration: string,
  fill: (db: OldDb) => Promise<void>,
): Promise<{ db: Kysely<Database>; drop(): Promise<void> }> {
  const storage = await emptyStorage(dialect);
  const old = rawDatabase(storage.config);
  const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo(migration);
  expect(error).toBeUndefined();
  await fill(old);
  await old.destroy();
  const db = await openDatabase(storage.config);
  return {
    db,
    async drop() {
      await db.destroy();
      await storage.drop();
    },
  };
}

/** A `records` row as the table stood before 0008 added `received_at`. */
export function oldRecordRow(record: GridRecord, changeSeq: number) {
  return {
    id: record.id,
    kind: record.kind,
    grid_id: record.gridId,
    rev: record.rev,
    change_seq: changeSeq,
    deleted: record.deleted ? 1 : 0,
    created_at: record.createdAt,
    created_by: record.createdBy,
    updated_at: record.updatedAt,
    updated_by: record.updatedBy,
    schema_version: record.schemaVersion,
    body: JSON.stringify(record.body),
  };
}

/** A stored push result answering for `record` (what a replayed mutation returns), as the table stands. */
export function oldMutationRow(record: GridRecord, rev: number) {
  return {
    id: randomUUID(),
    client_id: randomUUID(),
    seq: 1,
    user_id: record.createdBy,
    record_id: record.id,
    result: JSON.stringify({ id: 'm1', status: 'applied', rev, record }),
    created_at: record.createdAt,
  };
}
