import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withoutPersonalData } from '../../src/domain/personal-fields';
import type { GridRecord } from '../../src/domain/record-envelope';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import { migrationProvider } from '../../src/server/db/migrations/index';
import type { Database } from '../../src/server/db/schema';
import { sampleDispute, samplePatrol } from '../support/sample-records';
import { DIALECTS, emptyStorage } from '../support/test-server';
import { oldRecordRow } from './migration-fixture';

function rawDatabase(config: DatabaseConfig): Kysely<Database> {
  const dialect =
    'url' in config
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(config.sqlitePath) });
  return new Kysely<Database>({ dialect });
}

describe.each(DIALECTS)('migration 0002_record_revisions (%s)', (dialect) => {
  it('backfills the current revision of every record that existed before it', async () => {
    const storage = await emptyStorage(dialect);
    try {
      const old = rawDatabase(storage.config);
      const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0001_init');
      expect(error).toBeUndefined();
      const patrol: GridRecord = { ...samplePatrol(randomUUID(), 'g1', 'u1'), rev: 3 };
      const tombstone: GridRecord = { ...sampleDispute(randomUUID(), 'g2', 'u2'), rev: 5, deleted: true };
      await old
        .insertInto('records')
        .values([patrol, tombstone].map((record, i) => oldRecordRow(record, i + 1)))
        .execute();
      await old.destroy();

      const db = await openDatabase(storage.config);
      try {
        const rows = await db.selectFrom('record_revisions').selectAll().execute();
        const byId = new Map(rows.map((row) => [row.record_id, row]));
        expect(rows).toHaveLength(2);
        expect(byId.get(patrol.id)?.rev).toBe(3);
        expect(JSON.parse(byId.get(patrol.id)?.envelope ?? 'null')).toEqual(patrol);
        expect(byId.get(tombstone.id)?.rev).toBe(5);
        // As backfilled, then erased by 0011_erased_tombstones (tombstones keep no personal data).
        expect(JSON.parse(byId.get(tombstone.id)?.envelope ?? 'null')).toEqual(
          withoutPersonalData(tombstone),
        );
      } finally {
        await db.destroy();
      }
    } finally {
      await storage.drop();
    }
  });
});
