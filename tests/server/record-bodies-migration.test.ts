import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type GridRecord, RECORD_SCHEMA_VERSION, recordSchema } from '../../src/domain/record-envelope';
import { upcastRecord } from '../../src/domain/record-upcast';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import { migrationProvider } from '../../src/server/db/migrations/index';
import type { Database } from '../../src/server/db/schema';
import { DIALECTS, emptyStorage } from '../support/test-server';
import { v1Dispute, v1Inspection, v1Patrol } from '../support/v1-records';
import { oldMutationRow } from './migration-fixture';

function rawDatabase(config: DatabaseConfig): Kysely<Database> {
  const dialect =
    'url' in config
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(config.sqlitePath) });
  return new Kysely<Database>({ dialect });
}

describe.each(DIALECTS)('migration 0006_record_bodies_v2 (%s)', (dialect) => {
  it('upcasts stored records, their revisions and replayable push results to body version 2', async () => {
    const storage = await emptyStorage(dialect);
    try {
      const old = rawDatabase(storage.config);
      const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo(
        '0004_login_throttle',
      );
      expect(error).toBeUndefined();
      const records = [v1Patrol(randomUUID()), v1Inspection(randomUUID()), v1Dispute(randomUUID())].map(
        (record) => ({ ...record, rev: 2 }),
      );
      await old
        .insertInto('records')
        .values(
          records.map((record, i) => ({
            id: record.id,
            kind: record.kind,
            grid_id: record.gridId,
            rev: record.rev,
            change_seq: i + 1,
            deleted: 0,
            created_at: record.createdAt,
            created_by: record.createdBy,
            updated_at: record.updatedAt,
            updated_by: record.updatedBy,
            schema_version: 1,
            body: JSON.stringify(record.body),
          })),
        )
        .execute();
      await old
        .insertInto('record_revisions')
        .values(
          records.flatMap((record) => [
            { record_id: record.id, rev: 1, envelope: JSON.stringify({ ...record, rev: 1 }) },
            { record_id: record.id, rev: 2, envelope: JSON.stringify(record) },
          ]),
        )
        .execute();
      const [first] = records;
      if (!first) throw new Error('records made above');
      await old
        .insertInto('mutations')
        .values(oldMutationRow(first as unknown as GridRecord, 2))
        .execute();
      await old.destroy();

      const db = await openDatabase(storage.config);
      try {
        for (const record of records) {
          const expected = upcastRecord(record) as { body: unknown };
          expect(recordSchema.safeParse(expected).success).toBe(true);
          const row = await db
            .selectFrom('records')
            .selectAll()
            .where('id', '=', record.id)
            .executeTakeFirst();
          expect(Number(row?.schema_version)).toBe(RECORD_SCHEMA_VERSION);
          expect(JSON.parse(row?.body ?? 'null')).toEqual(expected.body);
          const revisions = await db
            .selectFrom('record_revisions')
            .selectAll()
            .where('record_id', '=', record.id)
            .orderBy('rev')
            .execute();
          expect(revisions.map((revision) => JSON.parse(revision.envelope))).toEqual([
            upcastRecord({ ...record, rev: 1 }),
            expected,
          ]);
        }
        const mutation = await db.selectFrom('mutations').selectAll().executeTakeFirst();
        expect(JSON.parse(mutation?.result ?? 'null').record).toEqual(upcastRecord(first));
      } finally {
        await db.destroy();
      }
    } finally {
      await storage.drop();
    }
  });
});
