/**
 * 0022: records stored at body version 2 — the current row, every kept revision and the record in a
 * replayable push result — read as version 3 afterwards, bodies unchanged, as the live upcaster has them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type GridRecord, recordSchema } from '../../src/domain/record-envelope';
import { upcastRecord } from '../../src/domain/record-upcast';
import { sampleAgreedDispute, samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1 } from '../support/test-server';
import { migratedFrom, oldMutationRow, oldRecordRow } from './migration-fixture';

describe.each(DIALECTS)('migration 0022_record_bodies_v3 (%s)', (dialect) => {
  it('moves stored v2 records, their revisions and push results to v3 with the bodies as they were', async () => {
    const records = [
      samplePatrol(randomUUID(), HUBIN_GRID_1),
      sampleAgreedDispute(randomUUID(), HUBIN_GRID_1),
    ].map((record) => ({ ...record, rev: 1, schemaVersion: 2 }) as unknown as typeof record);
    const [first] = records;
    if (!first) throw new Error('records made above');
    const { db, drop } = await migratedFrom(dialect, '0021_client_unsynced', async (old) => {
      await old
        .insertInto('records')
        .values(
          records.map((record, index) => ({
            ...oldRecordRow(record, index + 1),
            received_at: record.updatedAt,
          })),
        )
        .execute();
      await old
        .insertInto('record_revisions')
        .values(records.map((record) => ({ record_id: record.id, rev: 1, envelope: JSON.stringify(record) })))
        .execute();
      await old
        .insertInto('mutations')
        .values(oldMutationRow(first as GridRecord, 1))
        .execute();
    });
    try {
      for (const record of records) {
        const row = await db.selectFrom('records').selectAll().where('id', '=', record.id).executeTakeFirst();
        expect(Number(row?.schema_version)).toBe(3);
        expect(JSON.parse(row?.body ?? 'null')).toEqual(record.body);
        const revision = await db
          .selectFrom('record_revisions')
          .selectAll()
          .where('record_id', '=', record.id)
          .executeTakeFirst();
        const envelope = JSON.parse(revision?.envelope ?? 'null');
        expect(envelope).toEqual(upcastRecord(record));
        expect(envelope.schemaVersion).toBe(3);
        expect(recordSchema.safeParse(envelope).success).toBe(true);
      }
      const mutation = await db.selectFrom('mutations').selectAll().executeTakeFirst();
      expect(JSON.parse(mutation?.result ?? 'null').record).toEqual({ ...first, schemaVersion: 3 });
    } finally {
      await drop();
    }
  });
});
