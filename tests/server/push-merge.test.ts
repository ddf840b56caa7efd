import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_TEXT, withoutPersonalData } from '../../src/domain/personal-fields';
import { type LoginResponse, pushResponseSchema } from '../../src/domain/protocol';
import type { DisputeRecord, GridRecord, RentalInspectionRecord } from '../../src/domain/record-envelope';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

const P1 = '0190a5d2-7a3b-7c4d-8e9f-0123456789ab';
const P3 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a3';
const P4 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a4';

/** Two devices of two users editing the same records from a common base, pushed one after the other. */
describe.each(DIALECTS)('push: stale edits merge or conflict (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  let leader: LoginResponse;
  const workerClient = randomUUID();
  const leaderClient = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
    // A second writer of the worker's records: community police (a 网格长 reviews them instead, record-review.test.ts).
    leader = await server.login('hb-police');
  });
  afterAll(() => server.close());

  const dispute = () => sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id);
  const party = (id: string, name: string): DisputeRecord['body']['parties'][number] => ({
    id,
    role: 'party',
    partyType: 'natural',
    name,
  });
  const withBody = <R extends GridRecord>(record: R, body: Partial<R['body']>): R => ({
    ...record,
    body: { ...record.body, ...body },
  });

  async function pushOne(
    who: 'worker' | 'leader',
    record: GridRecord,
    options: Parameters<typeof mutation>[1],
  ) {
    const [token, client] = who === 'worker' ? [worker.token, workerClient] : [leader.token, leaderClient];
    const reply = await server.push(token, client, [mutation(record, options)]);
    expect(reply.status).toBe(200);
    const [result] = pushResponseSchema.parse(reply.body).results;
    if (!result) throw new Error('no result');
    return result;
  }

  /** Creates `record` on the server (rev 1), as the worker. */
  async function create<R extends GridRecord>(record: R): Promise<R> {
    const result = await pushOne('worker', record, {});
    expect(result.status).toBe('applied');
    return result.record as R;
  }

  /** Everything the server keeps about one record, to show a conflict changed nothing. */
  async function stateOf(recordId: string) {
    const [row, audit, revisions] = await Promise.all([
      server.db.selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirst(),
      server.db
        .selectFrom('audit_log')
        .select(['action', 'after'])
        .where('record_id', '=', recordId)
        .execute(),
      revisionsOf(recordId),
    ]);
    return { row, audit: audit.length, revisions, mutations: await server.count('mutations') };
  }

  async function revisionsOf(recordId: string) {
    const rows = await server.db
      .selectFrom('record_revisions')
      .selectAll()
      .where('record_id', '=', recordId)
      .orderBy('rev')
      .execute();
    return rows.map((row) => ({ rev: row.rev, envelope: JSON.parse(row.envelope) as GridRecord }));
  }

  describe('merged', () => {
    it('merges disjoint field edits from two clients: the second gets both changes at rev 3', async () => {
      const base = await create(dispute());
      const first = await pushOne('worker', withBody(base, { summary: '双方同意先由物业查明漏水点' }), {
        baseRev: 1,
      });
      expect(first).toMatchObject({ status: 'applied', rev: 2 });

      const second = await pushOne('leader', withBody(base, { riskLevel: 'orange' }), { baseRev: 1 });
      expect(second).toMatchObject({
        status: 'merged',
        rev: 3,
        record: {
          rev: 3,
          updatedBy: leader.user.id,
          createdBy: worker.user.id,
          body: { summary: '双方同意先由物业查明漏水点', riskLevel: 'orange', title: base.body.title },
        },
      });
      const { row } = await stateOf(base.id);
      expect(row?.rev).toBe(3);
      expect(JSON.parse(row?.body ?? '{}')).toEqual(second.record?.body);
    });

    it('audits a merge with the server record before and the merged record after', async () => {
      const base = await create(dispute());
      await pushOne('worker', withBody(base, { title: '楼上漏水(已报物业)' }), { baseRev: 1 });
      await pushOne('leader', withBody(base, { riskLevel: 'orange' }), { baseRev: 1 });
      const rows = await server.db
        .selectFrom('audit_log')
        .selectAll()
        .where('record_id', '=', base.id)
        .where('action', '=', 'merge')
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.before ?? 'null')).toMatchObject({ rev: 2, body: { riskLevel: 'yellow' } });
      expect(JSON.parse(rows[0]?.after ?? 'null')).toMatchObject({
        rev: 3,
        body: { title: '楼上漏水(已报物业)', riskLevel: 'orange' },
      });
      expect(rows[0]).toMatchObject({ user_id: leader.user.id, client_id: leaderClient });
    });

    it('keeps the parties both sides appended: the server’s first, then the pushed one', async () => {
      const base = await create(dispute());
      await pushOne('worker', withBody(base, { parties: [...base.body.parties, party(P3, '孙丽')] }), {
        baseRev: 1,
      });
      const result = await pushOne(
        'leader',
        withBody(base, { parties: [...base.body.parties, party(P4, '周强')] }),
        { baseRev: 1 },
      );
      expect(result.status).toBe('merged');
      const parties = (result.record as DisputeRecord).body.parties;
      expect(parties.map((p) => p.id)).toEqual([...base.body.parties.map((p) => p.id), P3, P4]);
    });

    it('answers a replayed merged mutation as duplicate with the same record, even after later edits', async () => {
      const base = await create(dispute());
      await pushOne('worker', withBody(base, { summary: '新的摘要内容' }), { baseRev: 1 });
      const merge = mutation(withBody(base, { riskLevel: 'red' }), { baseRev: 1 });
      const first = await server.push(leader.token, leaderClient, [merge]);
      expect(first.body.results[0]).toMatchObject({ status: 'merged', rev: 3 });
      await pushOne('worker', withBody(base, { riskLevel: 'red', summary: '之后又改了' }), { baseRev: 3 });

      const before = await stateOf(base.id);
      const replay = await server.push(leader.token, leaderClient, [merge]);
      expect(replay.body.results).toEqual([{ ...first.body.results[0], status: 'duplicate' }]);
      expect(await stateOf(base.id)).toEqual(before);
    });

    it('keeps one revision row per rev, each the envelope the push answered', async () => {
      const base = await create(dispute());
      const second = await pushOne('worker', withBody(base, { summary: '第二版摘要' }), { baseRev: 1 });
      const third = await pushOne('leader', withBody(base, { riskLevel: 'orange' }), { baseRev: 1 });
      const fourth = await pushOne('worker', third.record as GridRecord, { baseRev: 3, op: 'delete' });
      // The delete erased the personal data of every revision kept (a tombstone keeps none).
      expect(await revisionsOf(base.id)).toEqual([
        { rev: 1, envelope: withoutPersonalData(base) },
        { rev: 2, envelope: withoutPersonalData(second.record as GridRecord) },
        { rev: 3, envelope: withoutPersonalData(third.record as GridRecord) },
        { rev: 4, envelope: fourth.record },
      ]);
      expect(fourth.record).toEqual(
        withoutPersonalData({
          ...(third.record as GridRecord),
          rev: 4,
          deleted: true,
          updatedBy: worker.user.id,
        }),
      );
    });
  });

  describe('conflict', () => {
    it('answers conflict naming body.summary when both changed it, and applies nothing', async () => {
      const base = await create(dispute());
      const current = await pushOne('worker', withBody(base, { summary: '工作人员改的摘要' }), {
        baseRev: 1,
      });
      const before = await stateOf(base.id);

      const result = await pushOne(
        'leader',
        withBody(base, { summary: '网格长改的摘要', riskLevel: 'red' }),
        {
          baseRev: 1,
        },
      );
      expect(result).toEqual({
        id: expect.any(String),
        status: 'conflict',
        rev: 2,
        record: current.record,
        conflicts: ['body.summary'],
      });
      expect(await stateOf(base.id)).toEqual(before);
    });

    it('answers conflict naming the party when one side removed a party the other edited', async () => {
      const base = await create(
        withBody(dispute(), { parties: [...dispute().body.parties, party(P3, '孙丽')] }),
      );
      await pushOne('worker', withBody(base, { parties: base.body.parties.slice(0, 2) }), { baseRev: 1 });
      const before = await stateOf(base.id);

      const edited = base.body.parties.map((p) => (p.id === P3 ? { ...p, phone: '13700001111' } : p));
      const result = await pushOne('leader', withBody(base, { parties: edited }), { baseRev: 1 });
      expect(result).toMatchObject({ status: 'conflict', rev: 2, conflicts: [`body.parties.${P3}`] });
      expect(await stateOf(base.id)).toEqual(before);
    });

    it('answers conflict naming the party when both edited it differently', async () => {
      const base = await create(dispute());
      const rename = (name: string) => base.body.parties.map((p) => (p.id === P1 ? { ...p, name } : p));
      await pushOne('worker', withBody(base, { parties: rename('李秀英(甲)') }), { baseRev: 1 });
      const result = await pushOne('leader', withBody(base, { parties: rename('李秀英(乙)') }), {
        baseRev: 1,
      });
      expect(result).toMatchObject({ status: 'conflict', conflicts: [`body.parties.${P1}`] });
    });

    it('answers conflict when the merge of two valid edits breaks a rule across fields', async () => {
      const inspection = sampleRentalInspection(randomUUID(), HUBIN_GRID_1, worker.user.id);
      const { rectificationDeadline: _none, ...body } = inspection.body;
      const base = await create<RentalInspectionRecord>({
        ...inspection,
        body: {
          ...body,
          overallResult: 'fixedOnSite',
          checklist: [
            { itemCode: 'EB01', result: 'pass' },
            { itemCode: 'FE01', result: 'pass' },
          ],
        },
      });
      await pushOne(
        'worker',
        withBody(base, {
          checklist: [
            { itemCode: 'EB01', result: 'fail', note: '电动车停放在门厅' },
            { itemCode: 'FE01', result: 'pass' },
          ],
        }),
        { baseRev: 1 },
      );
      const before = await stateOf(base.id);
      const result = await pushOne('leader', withBody(base, { overallResult: 'noHazard' }), { baseRev: 1 });
      expect(result).toMatchObject({ status: 'conflict', rev: 2, conflicts: ['body.overallResult'] });
      expect(await stateOf(base.id)).toEqual(before);
    });

    it('answers conflict with the differing fields when the server never had the base revision', async () => {
      const base = await create(dispute());
      const result = await pushOne('leader', withBody(base, { title: '未来版本' }), { baseRev: 7 });
      expect(result).toMatchObject({ status: 'conflict', rev: 1, conflicts: ['body.title'] });
    });

    it('answers conflict for a delete made from a stale rev, and keeps the record', async () => {
      const base = await create(dispute());
      await pushOne('worker', withBody(base, { summary: '删除前别人改过' }), { baseRev: 1 });
      const before = await stateOf(base.id);
      const result = await pushOne('leader', base, { baseRev: 1, op: 'delete' });
      expect(result).toMatchObject({
        status: 'conflict',
        rev: 2,
        record: { deleted: false },
        conflicts: ['deleted'],
      });
      expect(await stateOf(base.id)).toEqual(before);
    });
  });

  describe('tombstones', () => {
    async function deleted<R extends GridRecord>(record: R): Promise<R> {
      const base = await create(record);
      const result = await pushOne('worker', base, { baseRev: 1, op: 'delete' });
      expect(result).toMatchObject({ status: 'applied', rev: 2, record: { deleted: true } });
      return base;
    }

    it('answers conflict with the tombstone for an edit made before the delete: never a resurrection', async () => {
      const base = await deleted(samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id));
      const before = await stateOf(base.id);
      const result = await pushOne('leader', withBody(base, { content: '删除前离线改的' }), { baseRev: 1 });
      expect(result).toMatchObject({
        status: 'conflict',
        rev: 2,
        record: { deleted: true, body: { content: ERASED_TEXT, patrolTypes: base.body.patrolTypes } },
        conflicts: ['deleted'],
      });
      expect(await stateOf(base.id)).toEqual(before);
    });

    it('restores a tombstone for an edit made from the tombstone’s rev', async () => {
      const base = await deleted(samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id));
      const result = await pushOne('leader', withBody(base, { content: '恢复并补充内容' }), { baseRev: 2 });
      expect(result).toMatchObject({
        status: 'applied',
        rev: 3,
        record: { deleted: false, body: { content: '恢复并补充内容' } },
      });
      const audit = await server.db
        .selectFrom('audit_log')
        .select('action')
        .where('record_id', '=', base.id)
        .execute();
      expect(audit.map((row) => row.action).sort()).toEqual(['create', 'delete', 'restore']);
    });

    it('acknowledges a delete of a tombstone without a new revision, and replays it as duplicate', async () => {
      const base = await deleted(samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id));
      const stale = mutation(base, { baseRev: 1, op: 'delete' });
      const current = mutation(base, { baseRev: 2, op: 'delete' });
      const audit = (await stateOf(base.id)).audit;

      const reply = await server.push(leader.token, leaderClient, [stale, current]);
      expect(reply.body.results).toEqual([
        expect.objectContaining({
          status: 'applied',
          rev: 2,
          record: expect.objectContaining({ deleted: true }),
        }),
        expect.objectContaining({ status: 'applied', rev: 2 }),
      ]);
      const after = await stateOf(base.id);
      expect(after).toMatchObject({ audit, row: { rev: 2, deleted: 1 } });
      expect(after.revisions.map((r) => r.rev)).toEqual([1, 2]);

      const replay = await server.push(leader.token, leaderClient, [stale]);
      expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', rev: 2 });
    });
  });

  it('keeps a revision row for every demo record it seeded', async () => {
    const missing = await server.db
      .selectFrom('records')
      .leftJoin('record_revisions', (join) =>
        join
          .onRef('record_revisions.record_id', '=', 'records.id')
          .onRef('record_revisions.rev', '=', 'records.rev'),
      )
      .select('records.id')
      .where('record_revisions.record_id', 'is', null)
      .execute();
    expect(missing).toEqual([]);
    expect(await server.count('record_revisions')).toBeGreaterThanOrEqual(await server.count('records'));
  });
});
