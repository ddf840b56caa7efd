/**
 * Migrations of existing data made for scope and privacy: photo references (proven, as before),
 * records moved to another grid before departures were kept, tombstones that still held personal data.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/protocol';
import { listChanges } from '../../src/server/db/records.repository';
import { canReadPhoto } from '../../src/server/photos/photo-access';
import { sampleDispute, samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, HUBIN_GRID_2 } from '../support/test-server';
import { migratedFrom, oldRecordRow } from './migration-fixture';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe.each(DIALECTS)('scope migrations (%s)', (dialect) => {
  it('0009: existing photo references are kept as proven, and every uploader is remembered', async () => {
    const author = 'demo-hb-grid01';
    const record = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, author), rev: 1 };
    record.body.photoIds = [SHA_A];
    const { db, drop } = await migratedFrom(dialect, '0007_street_settings', async (old) => {
      await old.insertInto('records').values(oldRecordRow(record, 1)).execute();
      await old
        .insertInto('photos')
        .values(
          [SHA_A, SHA_B].map((sha256) => ({
            sha256,
            mime: 'image/png',
            size: 10,
            uploaded_by: author,
            created_at: record.createdAt,
          })),
        )
        .execute();
      // A lazily made index row the body no longer backs: the rebuild drops it.
      await old.insertInto('photo_refs').values({ sha256: SHA_B, record_id: record.id }).execute();
    });
    try {
      const refs = await db
        .withTables<{ photo_refs: Record<string, unknown> }>()
        .selectFrom('photo_refs')
        .selectAll()
        .execute();
      expect(refs).toEqual([{ sha256: SHA_A, record_id: record.id, author_id: author, proven: 1 }]);
      const police: SessionUser = {
        id: 'demo-hb-police',
        name: '刘海涛',
        role: 'communityPolice',
        scope: { gridIds: [HUBIN_GRID_1] },
      };
      expect(await canReadPhoto(db, police, SHA_A)).toBe(true);
      expect(await canReadPhoto(db, police, SHA_B)).toBe(false);
      expect(await canReadPhoto(db, { ...police, id: author }, SHA_B)).toBe(true);
    } finally {
      await drop();
    }
  });

  it('0010: a record moved before is named to its old grid once more, whatever cursor a phone holds', async () => {
    const movedAway = { ...samplePatrol(randomUUID(), HUBIN_GRID_2, 'demo-hb-leader'), rev: 2 };
    const stayed = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, 'demo-hb-grid01'), rev: 1 };
    const { db, drop } = await migratedFrom(dialect, '0009_photo_provenance', async (old) => {
      await old
        .insertInto('records')
        .values([oldRecordRow(movedAway, 7), oldRecordRow(stayed, 9)])
        .execute();
      await old
        .insertInto('record_revisions')
        .values([
          {
            record_id: movedAway.id,
            rev: 1,
            envelope: JSON.stringify({ ...movedAway, rev: 1, gridId: HUBIN_GRID_1 }),
          },
          { record_id: movedAway.id, rev: 2, envelope: JSON.stringify(movedAway) },
          { record_id: stayed.id, rev: 1, envelope: JSON.stringify(stayed) },
        ])
        .execute();
      await old.updateTable('counters').set({ value: 9 }).where('name', '=', 'change').execute();
    });
    try {
      expect(await db.selectFrom('record_departures').selectAll().execute()).toEqual([
        { record_id: movedAway.id, grid_id: HUBIN_GRID_1, change_seq: expect.anything() },
      ]);
      const counter = await db.selectFrom('counters').select('value').executeTakeFirstOrThrow();
      expect(Number(counter.value)).toBe(10);
      // A phone of 第一网格 that pulled everything (cursor 9) is told once more; its rev is unchanged.
      const position = { partition: '', gridIds: [HUBIN_GRID_1], afterSeq: 9 };
      const page = await listChanges(db, ['patrol'], [position], 10);
      expect(page).toEqual([
        { record: expect.objectContaining({ id: movedAway.id, rev: 2 }), partition: '', changeSeq: 10 },
      ]);
    } finally {
      await drop();
    }
  });

  it('0011: existing tombstones, their revisions and stored results lose their personal data', async () => {
    const live = { ...sampleDispute(randomUUID(), HUBIN_GRID_1, 'demo-hb-grid01'), rev: 1 };
    const deleted = { ...sampleDispute(randomUUID(), HUBIN_GRID_1, 'demo-hb-grid01'), rev: 2, deleted: true };
    const { db, drop } = await migratedFrom(dialect, '0010_record_departures', async (old) => {
      await old
        .insertInto('records')
        .values([oldRecordRow(live, 1), oldRecordRow(deleted, 3)])
        .execute();
      await old
        .insertInto('record_revisions')
        .values([
          { record_id: live.id, rev: 1, envelope: JSON.stringify(live) },
          { record_id: deleted.id, rev: 1, envelope: JSON.stringify({ ...deleted, rev: 1, deleted: false }) },
          { record_id: deleted.id, rev: 2, envelope: JSON.stringify(deleted) },
        ])
        .execute();
      await old
        .insertInto('mutations')
        .values(
          [live, deleted].map((record, i) => ({
            id: randomUUID(),
            client_id: randomUUID(),
            seq: i + 1,
            user_id: record.createdBy,
            record_id: record.id,
            result: JSON.stringify({
              id: randomUUID(),
              status: 'applied',
              rev: 1,
              record: { ...record, rev: 1 },
            }),
            created_at: record.createdAt,
          })),
        )
        .execute();
    });
    try {
      const text = async (id: string) =>
        JSON.stringify([
          await db.selectFrom('records').select('body').where('id', '=', id).execute(),
          await db.selectFrom('record_revisions').select('envelope').where('record_id', '=', id).execute(),
          await db.selectFrom('mutations').select('result').where('record_id', '=', id).execute(),
        ]);
      const secrets = ['李秀英', '13912345678', '赵伟', '32011119800101123X'];
      const erased = await text(deleted.id);
      for (const secret of secrets) expect(erased).not.toContain(secret);
      expect(erased).toContain(deleted.body.parties[0]?.id);
      const kept = await text(live.id);
      for (const secret of secrets) expect(kept).toContain(secret);
    } finally {
      await drop();
    }
  });
});
