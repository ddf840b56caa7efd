/** A deleted record keeps no personal data: not on the wire, not in the database rows of it. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPersonalData } from '../../src/domain/personal-fields';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import { type GridRecord, recordSchema } from '../../src/domain/record-envelope';
import { recordFromRow } from '../../src/server/db/records.repository';
import { sampleDispute, sampleRentalHouse } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

/** Personal values of the sample dispute and rental house (names, phones, ID numbers, address). */
const SECRETS = [
  '李秀英',
  '13912345678',
  '赵伟',
  '32011119800101123X',
  '王建国',
  '320111196805121234',
  '13812341234',
  '孙晓东',
  '13705171234',
  '湖滨新寓5栋302室',
];

describe.each(DIALECTS)('tombstones (%s)', (dialect) => {
  let server: TestServer;
  let grid01: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    grid01 = await server.login('hb-grid01');
  });
  afterAll(() => server.close());

  async function pushOk(record: GridRecord, options: Parameters<typeof mutation>[1] = {}) {
    const m = mutation(record, options);
    const reply = await server.push(grid01.token, randomUUID(), [m]);
    expect(reply.body.results[0].status).toBe('applied');
    return { record: reply.body.results[0].record as GridRecord, mutation: m };
  }

  /** Created, edited, then deleted; answers the first mutation (to replay) and the record id. */
  async function deletedRecord(record: GridRecord) {
    const created = await pushOk(record);
    const edited = await pushOk({ ...created.record, updatedAt: created.record.createdAt }, { baseRev: 1 });
    await pushOk(edited.record, { op: 'delete', baseRev: 2 });
    return { id: record.id, first: created.mutation };
  }

  async function dbText(id: string): Promise<string> {
    const records = await server.db.selectFrom('records').select('body').where('id', '=', id).execute();
    const revisions = await server.db
      .selectFrom('record_revisions')
      .select('envelope')
      .where('record_id', '=', id)
      .execute();
    const results = await server.db
      .selectFrom('mutations')
      .select('result')
      .where('record_id', '=', id)
      .execute();
    expect(records).toHaveLength(1);
    expect(revisions).toHaveLength(3);
    expect(results).toHaveLength(3);
    return JSON.stringify([records, revisions, results]);
  }

  it.each([
    ['dispute', () => sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id)],
    ['rentalHouse', () => sampleRentalHouse(randomUUID(), HUBIN_GRID_1, grid01.user.id)],
  ] as const)(
    'a deleted %s carries no phone, ID number or name in a fresh pull nor in the database',
    async (_, make) => {
      const { id, first } = await deletedRecord(make());

      const pulled: GridRecord[] = [];
      let cursor: string | undefined;
      for (;;) {
        const reply = await server.pull(grid01.token, randomUUID(), {
          limit: '1000',
          ...(cursor ? { cursor } : {}),
        });
        const page = pullResponseSchema.parse(reply.body);
        pulled.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const tombstone = pulled.find((record) => record.id === id);
      expect(tombstone).toMatchObject({ id, deleted: true, rev: 3 });
      const wire = JSON.stringify(tombstone);
      const stored = await dbText(id);
      for (const secret of SECRETS) {
        expect(wire).not.toContain(secret);
        expect(stored).not.toContain(secret);
      }

      // A replay of the first push answers its stored result, erased as well.
      const replay = await server.push(grid01.token, randomUUID(), [first]);
      expect(replay.body.results[0].status).toBe('duplicate');
      const replayed = JSON.stringify(replay.body.results[0]);
      for (const secret of SECRETS) expect(replayed).not.toContain(secret);
    },
  );

  it('erases every demo record into a valid record, keeping what its readers’ rules look at', async () => {
    const rows = await server.db.selectFrom('records').selectAll().execute();
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const erased = withoutPersonalData(recordFromRow(row));
      expect(recordSchema.safeParse(erased).error, row.id).toBeUndefined();
    }
  });
});
