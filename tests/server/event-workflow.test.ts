/**
 * 上报事件 through the API (issue 12): the whole flow by the roles the table names, each illegal step
 * refused with its field and nothing changed, and two people acting at once ending in a legal state.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridEventRecord, GridRecord } from '../../src/domain/record-envelope';
import { DACHANG_DEPARTMENTS as DACHANG, stepped } from '../support/event-steps';
import { sampleGridEvent } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const ACCOUNTS = [
  'hb-grid01',
  'hb-admin',
  'hb-leader',
  'hb-enforce',
  'dc-police',
  'dc-admin',
  'tq-grid01',
] as const;
type Account = (typeof ACCOUNTS)[number];

describe.each(DIALECTS)('上报事件 through the API (%s)', (dialect) => {
  let server: TestServer;
  const who = {} as Record<Account, LoginResponse>;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of ACCOUNTS) who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  /** The event after `account` takes `event` on it, as the app saves a step. */
  const step = (record: GridEventRecord, account: Account, event: GridEventEvent): GridEventRecord =>
    stepped(record, who[account], event, server.clock.now);

  async function push(account: Account, record: GridRecord, baseRev = record.rev) {
    const reply = await server.push(who[account].token, randomUUID(), [mutation(record, { baseRev })]);
    expect(reply.status).toBe(200);
    return reply.body.results[0];
  }

  async function stored(id: string): Promise<GridEventRecord> {
    const row = await server.db
      .selectFrom('records')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...sampleGridEvent(id), body: JSON.parse(row.body) } as GridEventRecord;
  }

  /** A report made now on the server's clock: not late yet, so no card follows it (event-supervision.test.ts). */
  async function reported(): Promise<GridEventRecord> {
    const sample = sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-grid01'].user.id);
    const reportedAt = server.clock.now.toISOString();
    const result = await push('hb-grid01', { ...sample, body: { ...sample.body, reportedAt } }, 0);
    expect(result.status).toBe('applied');
    return result.record;
  }

  /** `account` pushes `record` and is refused with `code` naming `path`; nothing is written. */
  async function expectRefused(
    account: Account,
    record: GridEventRecord,
    code: string,
    path: string,
    baseRev = record.rev,
  ) {
    const revisions = await server.count('record_revisions');
    const before = await server.db
      .selectFrom('records')
      .select(['rev', 'body'])
      .where('id', '=', record.id)
      .executeTakeFirst();
    const result = await push(account, record, baseRev);
    expect(result.status, path).toBe('rejected');
    expect(result.error.code, path).toBe(code);
    // In English, with the field named.
    expect(result.error.message, path).toMatch(/^[\x20-\x7e’]+$/);
    expect(result.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(await server.count('record_revisions')).toBe(revisions);
    const after = await server.db
      .selectFrom('records')
      .select(['rev', 'body'])
      .where('id', '=', record.id)
      .executeTakeFirst();
    expect(after).toEqual(before);
  }

  it('goes from the worker’s report through 受理, 交办, 处置 and 核查 to 结案, each by its role', async () => {
    let event = await reported();
    expect(event.body.clock).toMatchObject({ step: 'accept', stepKey: 'report' });
    const flow: [Account, GridEventEvent][] = [
      ['hb-admin', { type: 'accept' }],
      ['hb-admin', { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-12-04' }],
      ['hb-enforce', { type: 'process' }],
      ['hb-enforce', { type: 'complete', note: '已清理楼道电动车6辆' }],
      ['hb-grid01', { type: 'verify', passed: true }],
      ['hb-grid01', { type: 'close' }],
    ];
    for (const [account, transition] of flow) {
      const result = await push(account, step(event, account, transition));
      expect(result.status, `${account} ${transition.type}`).toBe('applied');
      event = result.record;
    }
    expect(event.body.status).toBe('closed');
    expect(event.body.clock).toBeUndefined();
    expect(event.body.flowLogs.map((log) => log.action)).toEqual([
      'accept',
      'assign',
      'process',
      'complete',
      'verify',
      'close',
    ]);
  });

  it('restarts the clock when the event changes hands, from the server’s time limits', async () => {
    const event = await reported();
    const accepted = (await push('hb-admin', step(event, 'hb-admin', { type: 'accept' })))
      .record as GridEventRecord;
    expect(accepted.body.clock).toMatchObject({ step: 'handle', stepKey: accepted.body.flowLogs[0]?.id });
    // Thursday 11-26: five working days of 办理 end on Thursday 12-03.
    expect(accepted.body.clock?.yellowDay).toBe('2026-12-03');
  });

  it('refuses each illegal step with its field, and changes nothing', async () => {
    const event = await reported();
    const accepted = step(event, 'hb-admin', { type: 'accept' });
    // A grid worker may not 受理: the entry is theirs, the step is not.
    const asWorker = accepted.body.flowLogs.map((log) => ({ ...log, by: who['hb-grid01'].user.id }));
    await expectRefused(
      'hb-grid01',
      { ...accepted, body: { ...accepted.body, flowLogs: asWorker } },
      'forbidden',
      'body.status',
    );
    // A status moved without its step.
    await expectRefused(
      'hb-admin',
      { ...event, body: { ...event.body, status: 'accepted' } },
      'validation',
      'body.status',
    );
    expect((await stored(event.id)).body.status).toBe('reported');

    const acceptedStored = (await push('hb-admin', accepted)).record as GridEventRecord;
    const dispatch = (departmentId: string, deadline: string): GridEventRecord => {
      const assign = step(acceptedStored, 'hb-admin', {
        type: 'assign',
        departmentId: 'dachang-zhifa',
        deadline: '2026-12-04',
      });
      const flowLogs = assign.body.flowLogs.map((log) =>
        log.action === 'assign' ? { ...log, departmentId, deadline } : log,
      );
      return { ...assign, body: { ...assign.body, departmentId, deadline, flowLogs } };
    };
    await expectRefused('hb-admin', dispatch('dachang-zhifa', '2026-11-20'), 'validation', 'body.deadline');
    await expectRefused(
      'hb-admin',
      dispatch('taishan-zhifa', '2026-12-04'),
      'validation',
      'body.departmentId',
    );
    // An unknown category never reaches the state machine: the schema names it.
    const unknown = {
      ...acceptedStored,
      body: { ...acceptedStored.body, categoryL1: 'weather' },
    } as unknown as GridEventRecord;
    await expectRefused('hb-admin', unknown, 'validation', 'body.categoryL1');
    expect((await stored(event.id)).body.status).toBe('accepted');
  });

  it('lets a department handle only what is dispatched to it', async () => {
    const event = await reported();
    let record = (await push('hb-admin', step(event, 'hb-admin', { type: 'accept' })))
      .record as GridEventRecord;
    record = (
      await push(
        'hb-admin',
        step(record, 'hb-admin', { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-12-04' }),
      )
    ).record;
    // 派出所 cannot see it, so it cannot act on it either.
    const police = { ...record, body: { ...record.body } };
    const result = await push('dc-police', police);
    expect(result.status).toBe('rejected');
    expect(result.error.code).toBe('forbidden');
    const pulled = await server.pull(who['dc-police'].token, randomUUID(), { limit: '1000' });
    expect(pullResponseSchema.parse(pulled.body).changes.map((change) => change.id)).not.toContain(record.id);
    const enforce = await server.pull(who['hb-enforce'].token, randomUUID(), { limit: '1000' });
    expect(pullResponseSchema.parse(enforce.body).changes.map((change) => change.id)).toContain(record.id);
  });

  it('refuses a 黄牌 pushed by a device: only the server’s supervision issues cards', async () => {
    const event = await reported();
    const carded = {
      ...event,
      body: {
        ...event.body,
        supervision: 'yellow' as const,
        flowLogs: [
          {
            id: randomUUID(),
            at: server.clock.now.toISOString(),
            by: who['hb-admin'].user.id,
            action: 'supervise' as const,
            fromStatus: 'reported' as const,
            toStatus: 'reported' as const,
            supervision: 'yellow' as const,
          },
        ],
      },
    };
    await expectRefused('hb-admin', carded, 'forbidden', 'body.status');
    expect((await stored(event.id)).body.supervision).toBeUndefined();
  });

  it('refuses a report by a department account, and one in another worker’s name', async () => {
    const byPolice = sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['dc-police'].user.id);
    // The access table refuses it first: a department writes only what is dispatched to it.
    const refused = await push('dc-police', byPolice, 0);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    // Even one naming its own department: the role does not report (mayReport).
    const ownDepartment = { ...byPolice, body: { ...byPolice.body, departmentId: 'dachang-police' } };
    await expectRefused('dc-police', ownDepartment, 'forbidden', 'body.reportedBy', 0);
    // A report in someone else's name: the pusher is the reporter.
    await expectRefused(
      'hb-grid01',
      sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-admin'].user.id),
      'forbidden',
      'body.reportedBy',
      0,
    );
    expect(
      await server.db.selectFrom('records').select('id').where('id', '=', byPolice.id).execute(),
    ).toEqual([]);
  });

  it('lets only one of two 受理 at once win; the other is a conflict, and one accept is stored', async () => {
    const event = await reported();
    const byAdmin = step(event, 'hb-admin', { type: 'accept' });
    const byLeader = step(event, 'hb-leader', { type: 'accept' });
    const [a, b] = await Promise.all([
      push('hb-admin', byAdmin, event.rev),
      push('hb-leader', byLeader, event.rev),
    ]);
    expect([a.status, b.status].sort()).toEqual(['applied', 'conflict']);
    const loser = a.status === 'conflict' ? a : b;
    expect(loser.conflicts).toEqual(['body.status']);
    expect(loser.record.body.status).toBe('accepted');
    const final = await stored(event.id);
    expect(final.body.status).toBe('accepted');
    expect(final.body.flowLogs.map((log) => log.action)).toEqual(['accept']);
    expect(final.body.flowLogs[0]?.by).toBe(
      (a.status === 'applied' ? who['hb-admin'] : who['hb-leader']).user.id,
    );
  });

  /** An event reported by hb-grid01, accepted and dispatched to 综合执法, which has begun handling it. */
  async function inProcessing(): Promise<GridEventRecord> {
    let record = await reported();
    const flow: [Account, GridEventEvent][] = [
      ['hb-admin', { type: 'accept' }],
      ['hb-admin', { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-12-04' }],
      ['hb-enforce', { type: 'process' }],
    ];
    for (const [account, transition] of flow)
      record = (await push(account, step(record, account, transition))).record;
    expect(record.body.status).toBe('processing');
    return record;
  }

  it('answers a step from a stale copy after a 回退 with a conflict: the event waits at 待派遣 again', async () => {
    const processing = await inProcessing();
    // 综合执法 hands it back on one phone; on another, still on the old copy, it reports it handled.
    const returned = await push(
      'hb-enforce',
      step(processing, 'hb-enforce', { type: 'return', reason: '非本单位职责，属物业管理范围' }),
    );
    expect(returned.status).toBe('applied');
    const stale = step(processing, 'hb-enforce', { type: 'complete', note: '已处置' });
    const late = await push('hb-enforce', stale, processing.rev);
    expect(late).toMatchObject({ status: 'conflict', conflicts: ['body.status'] });
    // The device is shown the server's copy: returned, for the dispatcher to send again.
    expect(late.record.body.status).toBe('accepted');
    const final = await stored(processing.id);
    expect(final.body.status).toBe('accepted');
    expect(final.body.flowLogs.map((log) => log.action)).toEqual(['accept', 'assign', 'process', 'return']);
    // What is possible now: the community sends it to the right department.
    const again = step(late.record, 'hb-admin', {
      type: 'assign',
      departmentId: 'dachang-hubin-wuye',
      deadline: '2026-12-04',
    });
    expect((await push('hb-admin', again)).status).toBe('applied');
  });

  it('lets one of a 回退 and a 处置完成 at once win, and stores the event as that one left it', async () => {
    const processing = await inProcessing();
    const [back, done] = await Promise.all([
      push('hb-enforce', step(processing, 'hb-enforce', { type: 'return', reason: '非本单位职责' })),
      push('hb-enforce', step(processing, 'hb-enforce', { type: 'complete', note: '已处置' })),
    ]);
    expect([back.status, done.status].sort()).toEqual(['applied', 'conflict']);
    const final = await stored(processing.id);
    const actions = final.body.flowLogs.map((log) => log.action);
    if (back.status === 'applied') {
      expect(final.body.status).toBe('accepted');
      expect(actions).toEqual(['accept', 'assign', 'process', 'return']);
    } else {
      expect(final.body.status).toBe('processed');
      expect(actions).toEqual(['accept', 'assign', 'process', 'complete']);
    }
  });

  it('refuses a 结案 from a stale copy after the check failed (核查不通过): back to 处置中', async () => {
    let record = await inProcessing();
    record = (await push('hb-enforce', step(record, 'hb-enforce', { type: 'complete', note: '已处置' })))
      .record;
    const processed = record;
    // The admin, on the processed copy, verifies and closes; meanwhile the worker fails the check.
    const closing = step(step(processed, 'hb-admin', { type: 'verify', passed: true }), 'hb-admin', {
      type: 'close',
    });
    const failed = await push(
      'hb-grid01',
      step(processed, 'hb-grid01', { type: 'verify', passed: false, reason: '仍有车辆' }),
    );
    expect(failed.status).toBe('applied');
    const late = await push('hb-admin', closing, processed.rev);
    expect(late).toMatchObject({ status: 'conflict', conflicts: ['body.status'] });
    expect(late.record.body.status).toBe('processing');
    const final = await stored(processed.id);
    expect(final.body.status).toBe('processing');
    expect(final.body.flowLogs.some((log) => log.action === 'close')).toBe(false);
  });

  it('merges a 交办 from a stale copy onto the event another user moved to the next grid', async () => {
    const accepted = (await push('hb-admin', step(await reported(), 'hb-admin', { type: 'accept' })))
      .record as GridEventRecord;
    const moved = await push('hb-admin', { ...accepted, gridId: HUBIN_GRID_2 });
    expect(moved.status).toBe('applied');
    // The leader dispatches from the copy before the move: the street's departments are the same.
    const assign = { type: 'assign' as const, departmentId: 'dachang-zhifa', deadline: '2026-12-04' };
    const merged = await push('hb-leader', step(accepted, 'hb-leader', assign), accepted.rev);
    expect(merged.status).toBe('merged');
    expect(merged.record).toMatchObject({ gridId: HUBIN_GRID_2, body: { status: 'assigned' } });
  });

  it('lists the departments of the caller’s streets with the grids', async () => {
    const reply = await server.call('GET', '/api/grids', { token: who['hb-grid01'].token });
    expect(reply.status).toBe(200);
    expect(reply.body.departments.map((d: { id: string }) => d.id).sort()).toEqual([...DACHANG].sort());
    const taishan = await server.call('GET', '/api/grids', { token: who['tq-grid01'].token });
    expect(taishan.body.departments.map((d: { id: string }) => d.id).sort()).toEqual([
      'taishan-police',
      'taishan-zhifa',
    ]);
    expect(who['hb-enforce'].user.departmentId).toBe('dachang-zhifa');
  });
});
