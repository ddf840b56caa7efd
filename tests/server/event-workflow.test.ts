/**
 * 上报事件 through the API (issue 12): the whole flow by the roles the table names, each illegal step
 * refused with its field and nothing changed, and two people acting at once ending in a legal state.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventActor } from '../../src/domain/event-access';
import { type EventStep, takeEventStep } from '../../src/domain/event-steps';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridEventRecord, GridRecord } from '../../src/domain/record-envelope';
import { sampleGridEvent } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

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
const DACHANG = new Set([
  'dachang-zhifa',
  'dachang-police',
  'dachang-chengguan',
  'dachang-fire',
  'dachang-hubin-wuye',
]);

describe.each(DIALECTS)('上报事件 through the API (%s)', (dialect) => {
  let server: TestServer;
  const who = {} as Record<Account, LoginResponse>;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of ACCOUNTS) who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  const actor = (account: Account): EventActor => ({
    id: who[account].user.id,
    role: who[account].user.role,
    departmentId: who[account].user.departmentId,
  });

  /** The event after `account` takes `event` on it, as the app saves a step. */
  function step(record: GridEventRecord, account: Account, event: GridEventEvent): GridEventRecord {
    const taken: EventStep = {
      event,
      logId: randomUUID(),
      at: server.clock.now.toISOString(),
      byName: who[account].user.name,
    };
    const result = takeEventStep(record.body, actor(account), taken, {
      now: server.clock.now,
      departmentIds: DACHANG,
    });
    if (!result.ok) throw new Error(`${account} ${event.type}: ${result.reason}`);
    return { ...record, body: result.body, updatedAt: taken.at, updatedBy: who[account].user.id };
  }

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
    const expectRefused = async (account: Account, record: GridEventRecord, code: string, path: string) => {
      const revisions = await server.count('record_revisions');
      const result = await push(account, record);
      expect(result.status, path).toBe('rejected');
      expect(result.error.code, path).toBe(code);
      expect(result.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
      expect(await server.count('record_revisions')).toBe(revisions);
    };
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
    const result = await push('hb-admin', carded);
    expect(result.status).toBe('rejected');
    expect(result.error.issues[0].path).toBe('body.status');
  });

  it('refuses a report by a department account, and one in another worker’s name', async () => {
    const byPolice = await push(
      'dc-police',
      sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['dc-police'].user.id),
      0,
    );
    expect(byPolice.status).toBe('rejected');
    const inOtherName = await push(
      'hb-grid01',
      sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-admin'].user.id),
      0,
    );
    expect(inOtherName.status).toBe('rejected');
    expect(inOtherName.error.issues[0].path).toBe('body.reportedBy');
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
    expect(final.body.flowLogs.filter((log) => log.action === 'accept')).toHaveLength(1);
  });

  it('refuses a 结案 from a stale copy after the department returned the event (回退)', async () => {
    let record = await reported();
    record = (await push('hb-admin', step(record, 'hb-admin', { type: 'accept' }))).record;
    record = (
      await push(
        'hb-admin',
        step(record, 'hb-admin', { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-12-04' }),
      )
    ).record;
    record = (await push('hb-enforce', step(record, 'hb-enforce', { type: 'process' }))).record;
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
    expect(late.status).toBe('conflict');
    const final = await stored(processed.id);
    expect(final.body.status).toBe('processing');
    expect(final.body.flowLogs.some((log) => log.action === 'close')).toBe(false);
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
