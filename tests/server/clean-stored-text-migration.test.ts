/**
 * Migration 0014: records stored before the text rule (domain/text.ts) held tabs, bidi overrides,
 * controls and lone surrogates that today's schema refuses. After it every stored body passes
 * `recordSchema`, the rest of the content is unchanged, and a phone pulls them.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { type GridRecord, recordSchema } from '../../src/domain/record-envelope';
import { createApp } from '../../src/server/app';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { syncOnce } from '../../src/sync/sync-engine';
import {
  sampleDispute,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1 } from '../support/test-server';
import { migratedFrom, oldRecordRow } from './migration-fixture';

/** A `records` row as the table stands at 0013. */
function recordRow(record: GridRecord, changeSeq: number) {
  return { ...oldRecordRow(record, changeSeq), received_at: record.updatedAt };
}

const AUTHOR = 'demo-hb-grid01';
const RECHECK_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000000c1';

/** Four records as an old server stored them (each breaks the text rule), and what they become. */
function oldRecords() {
  const patrol = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 3 };
  patrol.body.content = '走访\r\n湖滨\t新寓\u202E';
  patrol.body.weather = '晴\n转多云';
  const inspection = { ...sampleRentalInspection(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 1 };
  inspection.body.landlordName = '王建国\uD800';
  const [entry] = inspection.body.checklist;
  if (entry) entry.note = '电动车\n停放\u0085门厅';
  const [hazard] = inspection.body.hazards;
  if (hazard) {
    hazard.rechecks = [
      { id: RECHECK_ID, at: inspection.createdAt, by: AUTHOR, result: 'failed', note: '复查\n未整改\u0007' },
    ];
  }
  const dispute = { ...sampleDispute(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 2 };
  dispute.body.title = '楼上漏水\u2066邻里纠纷\u2069';
  dispute.body.summary = '第一行\n第二行\u001b[2J';
  const [party] = dispute.body.parties;
  if (party) party.name = '\u202E';
  const house = { ...sampleRentalHouse(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 1 };
  house.body.remarks = '备注\n\u0000第二行';
  const [tenant] = house.body.tenants;
  if (tenant) tenant.name = '孙晓东\t';

  const clean = structuredClone;
  const patrolAfter = clean(patrol);
  patrolAfter.body.content = '走访\r\n湖滨 新寓';
  patrolAfter.body.weather = '晴 转多云';
  const inspectionAfter = clean(inspection);
  inspectionAfter.body.landlordName = '王建国';
  const [entryAfter] = inspectionAfter.body.checklist;
  if (entryAfter) entryAfter.note = '电动车 停放 门厅';
  const [recheckAfter] = inspectionAfter.body.hazards[0]?.rechecks ?? [];
  if (recheckAfter) recheckAfter.note = '复查\n未整改';
  const disputeAfter = clean(dispute);
  disputeAfter.body.title = '楼上漏水邻里纠纷';
  disputeAfter.body.summary = '第一行\n第二行 [2J';
  const [partyAfter] = disputeAfter.body.parties;
  if (partyAfter) partyAfter.name = '\uFFFD';
  const houseAfter = clean(house);
  houseAfter.body.remarks = '备注\n 第二行';
  const [tenantAfter] = houseAfter.body.tenants;
  if (tenantAfter) tenantAfter.name = '孙晓东';

  return {
    before: [patrol, inspection, dispute, house] as GridRecord[],
    after: [patrolAfter, inspectionAfter, disputeAfter, houseAfter] as GridRecord[],
  };
}

describe.each(DIALECTS)('0014_clean_stored_text (%s)', (dialect) => {
  it('cleans bodies, revisions and stored results; re-sends the cleaned records at their rev', async () => {
    const { before, after } = oldRecords();
    const untouched = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 1 };
    for (const record of before) expect(recordSchema.safeParse(record).success).toBe(false);
    const { db, drop } = await migratedFrom(dialect, '0013_session_wipe', async (old) => {
      await old
        .insertInto('records')
        .values([...before.map((record, i) => recordRow(record, i + 1)), recordRow(untouched, 5)])
        .execute();
      await old
        .insertInto('record_revisions')
        .values(
          [...before, untouched].map((record) => ({
            record_id: record.id,
            rev: record.rev,
            envelope: JSON.stringify(record),
          })),
        )
        .execute();
      await old
        .insertInto('mutations')
        .values(
          before.map((record, i) => ({
            id: randomUUID(),
            client_id: randomUUID(),
            seq: i + 1,
            user_id: AUTHOR,
            record_id: record.id,
            result: JSON.stringify({ id: randomUUID(), status: 'applied', rev: record.rev, record }),
            created_at: record.createdAt,
          })),
        )
        .execute();
      await old.updateTable('counters').set({ value: 5 }).where('name', '=', 'change').execute();
    });
    try {
      const rows = await db.selectFrom('records').selectAll().orderBy('change_seq').execute();
      const envelopes = rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        gridId: row.grid_id,
        rev: Number(row.rev),
        createdAt: row.created_at,
        createdBy: row.created_by,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
        deleted: Number(row.deleted) === 1,
        schemaVersion: Number(row.schema_version),
        body: JSON.parse(row.body),
      }));
      for (const envelope of envelopes) expect(recordSchema.safeParse(envelope).error).toBeUndefined();
      const byId = new Map(envelopes.map((envelope) => [envelope.id, envelope]));
      for (const expected of after) expect(byId.get(expected.id)).toEqual(expected);

      // The untouched record keeps its change_seq and its bytes; each cleaned one takes a new one.
      const untouchedRow = rows.find((row) => row.id === untouched.id);
      expect(Number(untouchedRow?.change_seq)).toBe(5);
      expect(untouchedRow?.body).toBe(JSON.stringify(untouched.body));
      const cleanedSeqs = rows.filter((row) => row.id !== untouched.id).map((row) => Number(row.change_seq));
      expect(cleanedSeqs.sort()).toEqual([6, 7, 8, 9]);
      const counter = await db.selectFrom('counters').select('value').executeTakeFirstOrThrow();
      expect(Number(counter.value)).toBe(9);

      const revisions = await db.selectFrom('record_revisions').selectAll().execute();
      for (const revision of revisions) {
        const envelope = JSON.parse(revision.envelope);
        expect(envelope).toEqual(byId.get(revision.record_id));
      }
      const results = await db.selectFrom('mutations').selectAll().execute();
      expect(results).toHaveLength(4);
      for (const stored of results) {
        const result = JSON.parse(stored.result);
        expect(result.record).toEqual(byId.get(stored.record_id));
      }

      // A phone of 第一网格 pulls them all (before the migration its first page was unreadable).
      await seedDemoData(db, new Date('2026-11-26T08:00:00.000Z'));
      const app = createApp({ db });
      const fetchImpl: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
      const login = await fetchImpl('http://gridkeeper.test/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'hb-grid01', password: 'demo123456' }),
      });
      const { token } = (await login.json()) as LoginResponse;
      const phone = openLocalDb(`clean-text-${dialect}-${randomUUID()}`);
      const outcome = await syncOnce({
        db: phone,
        token,
        fetch: fetchImpl,
        baseUrl: 'http://gridkeeper.test',
      });
      expect(outcome.status).toBe('ok');
      for (const expected of after) expect((await phone.records.get(expected.id))?.record).toEqual(expected);
      expect(await phone.meta.get('unreadableRecords')).toBeUndefined();
      closeLocalDbs();
    } finally {
      await drop();
    }
  });
});
