import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDerivedOutcome } from '../../src/domain/inspection-outcome';
import { type LoginResponse, pushResponseSchema } from '../../src/domain/protocol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import type { ReviewLog } from '../../src/domain/review-log';
import { reviewState } from '../../src/domain/review-state';
import { samplePatrol, sampleRentalInspection } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

/** hb-leader (网格长) reviews hb-grid01's records: steps accepted, edits refused, a fix and a review merged. */
describe.each(DIALECTS)('push: review instead of editing (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  let leader: LoginResponse;
  const clients = { worker: randomUUID(), leader: randomUUID() };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
    leader = await server.login('hb-leader');
  });
  afterAll(() => server.close());

  async function pushOne(
    who: 'worker' | 'leader',
    record: PatrolRecord,
    options: Parameters<typeof mutation>[1],
  ) {
    const token = who === 'worker' ? worker.token : leader.token;
    const reply = await server.push(token, clients[who], [mutation(record, options)]);
    expect(reply.status).toBe(200);
    const [result] = pushResponseSchema.parse(reply.body).results;
    if (!result) throw new Error('no result');
    return result;
  }

  async function created(): Promise<PatrolRecord> {
    const result = await pushOne('worker', samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id), {});
    expect(result.status).toBe('applied');
    return result.record as PatrolRecord;
  }

  function step(who: LoginResponse, action: ReviewLog['action'], comment?: string): ReviewLog {
    return {
      id: randomUUID(),
      action,
      by: who.user.id,
      byName: who.user.name,
      at: server.clock.now.toISOString(),
      ...(comment !== undefined && { comment }),
    };
  }

  const withLog = (record: PatrolRecord, log: ReviewLog): PatrolRecord => ({
    ...record,
    body: { ...record.body, reviewLogs: [...(record.body.reviewLogs ?? []), log] },
  });

  async function stored(id: string) {
    const row = await server.db
      .selectFrom('records')
      .select(['rev', 'body'])
      .where('id', '=', id)
      .executeTakeFirst();
    return { rev: row?.rev, body: typeof row?.body === 'string' ? JSON.parse(row.body) : row?.body };
  }

  it('accepts the leader’s 退回 and 审阅, and the worker’s fix with 重新提交', async () => {
    const record = await created();
    const returned = await pushOne('leader', withLog(record, step(leader, 'return', '请补充走访户数')), {
      baseRev: record.rev,
    });
    expect(returned.error).toBeUndefined();
    expect(returned.status).toBe('applied');
    const afterReturn = returned.record as PatrolRecord;
    expect(reviewState(afterReturn.body)).toBe('returned');
    // Only the review log changed hands: the worker is still the author.
    expect(afterReturn.createdBy).toBe(worker.user.id);

    const fixed = withLog(
      { ...afterReturn, body: { ...afterReturn.body, householdsVisited: 15 } },
      step(worker, 'resubmit'),
    );
    const resubmitted = await pushOne('worker', fixed, { baseRev: afterReturn.rev });
    expect(resubmitted.status).toBe('applied');
    expect(reviewState((resubmitted.record as PatrolRecord).body)).toBe('pending');

    const reviewed = await pushOne(
      'leader',
      withLog(resubmitted.record as PatrolRecord, step(leader, 'review')),
      {
        baseRev: resubmitted.record?.rev ?? 0,
      },
    );
    expect(reviewed.status).toBe('applied');
    const now = await stored(record.id);
    expect(reviewState(now.body)).toBe('reviewed');
    expect(now.body.householdsVisited).toBe(15);
  });

  it('refuses a leader’s edit of a worker’s log, naming the field, and changes nothing', async () => {
    const record = await created();
    const before = await stored(record.id);
    const edited = { ...record, body: { ...record.body, content: '网格长改写的内容' } };
    const result = await pushOne('leader', edited, { baseRev: record.rev });
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(result.error?.issues).toEqual([{ path: 'body.content', message: expect.any(String) }]);

    // Nor while reviewing: a content change rides along with a review entry.
    const sneaky = withLog(edited, step(leader, 'review'));
    const alongside = await pushOne('leader', sneaky, { baseRev: record.rev });
    expect(alongside).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(alongside.error?.issues?.[0]?.path).toBe('body.content');
    expect(await stored(record.id)).toEqual(before);
  });

  it('refuses a leader deleting a worker’s log or inspection', async () => {
    const record = await created();
    const result = await pushOne(
      'leader',
      { ...record, deleted: true },
      { op: 'delete', baseRev: record.rev },
    );
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const inspection = sampleRentalInspection(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const reply = await server.push(worker.token, clients.worker, [mutation(inspection)]);
    const [made] = pushResponseSchema.parse(reply.body).results;
    expect(made?.status).toBe('applied');
    const removal = await server.push(leader.token, clients.leader, [
      mutation({ ...inspection, rev: 1, deleted: true }, { op: 'delete', baseRev: 1 }),
    ]);
    expect(pushResponseSchema.parse(removal.body).results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden' },
    });
    expect((await stored(record.id)).rev).toBe(record.rev);
  });

  it('refuses a worker marking their own log 已审阅, and a return without a comment', async () => {
    const record = await created();
    const self = await pushOne('worker', withLog(record, step(worker, 'review')), { baseRev: record.rev });
    expect(self).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(self.error?.issues?.[0]?.path).toBe('body.reviewLogs');
    const silent = await pushOne('leader', withLog(record, step(leader, 'return', '')), {
      baseRev: record.rev,
    });
    expect(silent).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
    expect(reviewState((await stored(record.id)).body)).toBe('pending');
  });

  it('keeps the leader’s hazard steps on a worker’s inspection (交办), not a rewrite of its facts', async () => {
    const inspection = sampleRentalInspection(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const made = pushResponseSchema.parse(
      (await server.push(worker.token, clients.worker, [mutation(inspection)])).body,
    ).results[0];
    expect(made?.status).toBe('applied');
    const referred = {
      ...inspection,
      rev: 1,
      body: withDerivedOutcome({
        ...inspection.body,
        hazards: inspection.body.hazards.map((hazard) => ({
          ...hazard,
          handling: 'referred' as const,
          referredTo: 'lawEnforcement' as const,
          status: 'referred' as const,
        })),
      }),
    };
    const step = await server.push(leader.token, clients.leader, [mutation(referred, { baseRev: 1 })]);
    expect(pushResponseSchema.parse(step.body).results[0]).toMatchObject({ status: 'applied', rev: 2 });
    const rewrite = { ...referred, rev: 2, body: { ...referred.body, landlordName: '李四' } };
    const refused = await server.push(leader.token, clients.leader, [mutation(rewrite, { baseRev: 2 })]);
    expect(pushResponseSchema.parse(refused.body).results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden', issues: [{ path: 'body.landlordName' }] },
    });
  });

  it('lets the leader still write their own patrol log', async () => {
    const own = samplePatrol(randomUUID(), HUBIN_GRID_1, leader.user.id);
    expect((await pushOne('leader', own, {})).status).toBe('applied');
    const edited = { ...own, rev: 1, body: { ...own.body, content: '网格长自己的巡查' } };
    expect((await pushOne('leader', edited, { baseRev: 1 })).status).toBe('applied');
  });

  it('merges a worker’s fix and a leader’s review made from the same revision', async () => {
    const record = await created();
    const returned = await pushOne('leader', withLog(record, step(leader, 'return', '补充照片说明')), {
      baseRev: record.rev,
    });
    const base = returned.record as PatrolRecord;
    // The worker fixes and resubmits; the leader, meanwhile, has nothing to do on a returned log —
    // so the race is a fix against a review of the resubmitted one: both from the resubmit.
    const resubmit = await pushOne(
      'worker',
      withLog({ ...base, body: { ...base.body, content: '已补充照片说明' } }, step(worker, 'resubmit')),
      { baseRev: base.rev },
    );
    const pending = resubmit.record as PatrolRecord;
    const fix = await pushOne(
      'worker',
      { ...pending, body: { ...pending.body, householdsVisited: 20 } },
      {
        baseRev: pending.rev,
      },
    );
    expect(fix.status).toBe('applied');
    // The leader reviews the resubmitted log as pulled (rev of the resubmit), after the worker's fix.
    const review = await pushOne('leader', withLog(pending, step(leader, 'review')), {
      baseRev: pending.rev,
    });
    expect(review.status).toBe('merged');
    const merged = review.record as PatrolRecord;
    expect(merged.body.householdsVisited).toBe(20);
    expect(reviewState(merged.body)).toBe('reviewed');
    expect(merged.body.reviewLogs?.map((log) => log.action)).toEqual(['return', 'resubmit', 'review']);
  });
});
