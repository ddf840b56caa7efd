import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisputeBody } from '../../src/domain/dispute';
import type { DisputeRecord, GridRecord, RentalInspectionRecord } from '../../src/domain/record-envelope';
import type { Hazard } from '../../src/domain/rental-inspection';
import {
  DISPUTE_NEAR_DAYS,
  HAZARD_NEAR_DAYS,
  resolvedInGridThisMonth,
  taskUrgency,
  todayTasks,
} from '../../src/domain/today-tasks';
import {
  sampleDispute,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';

/** A fake clock: an instant written in China time. */
const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);

const HAZARD_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000000e1';
const HAZARD_ID_2 = '0190a5d2-7a3b-7c4d-8e9f-0000000000e2';

function inspection(id: string, ...hazards: Partial<Hazard>[]): RentalInspectionRecord {
  const record = sampleRentalInspection(id);
  const template = record.body.hazards[0] as Hazard;
  record.body.hazards = hazards.map((h) => ({ ...template, ...h }));
  return record;
}

function dispute(id: string, body: Partial<DisputeBody>): DisputeRecord {
  const record = sampleDispute(id);
  record.body = { ...record.body, ...body };
  return record;
}

const AGREEMENT = { terms: '退还押金2000元', performanceDeadline: '2026-11-20' };

afterEach(() => {
  vi.useRealTimers();
});

describe('todayTasks: hazards', () => {
  it('lists a rectifying hazard due within two days as near, with the days left', () => {
    const records = [inspection('r1', { deadline: '2026-11-29', status: 'rectifying' })];
    expect(todayTasks(records, at('2026-11-27T09:00:00'))).toEqual([
      { kind: 'hazardDue', recordId: 'r1', hazardId: HAZARD_ID, dueDay: '2026-11-29', daysLeft: 2 },
    ]);
    expect(HAZARD_NEAR_DAYS).toBe(2);
  });

  it('leaves out a hazard whose deadline is three days away', () => {
    const records = [inspection('r1', { deadline: '2026-11-30', status: 'rectifying' })];
    expect(todayTasks(records, at('2026-11-27T09:00:00'))).toEqual([]);
  });

  it('counts a deadline of today as due today (0 days left), not overdue', () => {
    const records = [inspection('r1', { deadline: '2026-11-27', status: 'rectifying' })];
    const [task] = todayTasks(records, at('2026-11-27T23:59:59'));
    expect(task).toMatchObject({ kind: 'hazardDue', daysLeft: 0 });
  });

  it('turns overdue at 00:00 China time, even though it is still the previous day in UTC', () => {
    const records = [inspection('r1', { deadline: '2026-11-27', status: 'rectifying' })];
    // 2026-11-28 00:00 in China is 2026-11-27 16:00 UTC.
    const justBefore = new Date('2026-11-27T15:59:59.999Z');
    const midnight = new Date('2026-11-27T16:00:00.000Z');
    expect(todayTasks(records, justBefore)[0]).toMatchObject({ kind: 'hazardDue', daysLeft: 0 });
    expect(todayTasks(records, midnight)[0]).toMatchObject({ kind: 'hazardOverdue', daysLeft: -1 });
  });

  it('keeps a hazard whose recheck failed overdue until a new deadline is set', () => {
    const records = [inspection('r1', { deadline: '2026-11-20', status: 'recheckFailed' })];
    expect(todayTasks(records, at('2026-11-27T09:00:00'))[0]).toMatchObject({
      kind: 'hazardOverdue',
      dueDay: '2026-11-20',
      daysLeft: -7,
    });
  });

  it('asks for a recheck once the fix is reported, due three working days after the deadline', () => {
    // 2026-11-27 is a Friday: three working days later is Wednesday 2 December.
    const records = [inspection('r1', { deadline: '2026-11-27', status: 'reportedFixed' })];
    expect(todayTasks(records, at('2026-11-25T09:00:00'))).toEqual([
      { kind: 'recheckDue', recordId: 'r1', hazardId: HAZARD_ID, dueDay: '2026-12-02', daysLeft: 7 },
    ]);
    expect(todayTasks(records, at('2026-12-03T00:00:00'))[0]).toMatchObject({
      kind: 'recheckDue',
      daysLeft: -1,
    });
  });

  it('ignores hazards that are closed, passed, fixed on site, referred or without a deadline', () => {
    const now = at('2026-11-27T09:00:00');
    for (const status of ['closed', 'recheckPassed', 'fixedOnSite', 'referred', 'deptFeedback'] as const) {
      expect(todayTasks([inspection('r1', { deadline: '2026-11-20', status })], now)).toEqual([]);
    }
    const open = inspection('r1', { status: 'open', handling: 'referred' });
    delete (open.body.hazards[0] as Partial<Hazard>).deadline;
    expect(todayTasks([open], now)).toEqual([]);
  });

  it('ignores a closed inspection and a deleted one', () => {
    const closed = inspection('r1', { deadline: '2026-11-20', status: 'rectifying' });
    closed.body.status = 'closed';
    const deleted = inspection('r2', { deadline: '2026-11-20', status: 'rectifying' });
    deleted.deleted = true;
    expect(todayTasks([closed, deleted], at('2026-11-27T09:00:00'))).toEqual([]);
  });

  it('gives one task per hazard of an inspection', () => {
    const records = [
      inspection(
        'r1',
        { id: HAZARD_ID, deadline: '2026-11-26', status: 'rectifying' },
        { id: HAZARD_ID_2, deadline: '2026-11-28', status: 'rectifying' },
      ),
    ];
    expect(todayTasks(records, at('2026-11-27T09:00:00')).map((t) => [t.kind, t.hazardId])).toEqual([
      ['hazardOverdue', HAZARD_ID],
      ['hazardDue', HAZARD_ID_2],
    ]);
  });
});

describe('todayTasks: disputes', () => {
  // Registered 2026-11-01 in China: the 30-day limit is 2026-12-01.
  const registeredAt = '2026-11-01T10:00:00+08:00';

  it('lists a case in mediation within five days of its 30-day limit', () => {
    const records = [dispute('d1', { registeredAt, status: 'mediating' })];
    expect(todayTasks(records, at('2026-11-26T08:00:00'))).toEqual([
      { kind: 'disputeDueSoon', recordId: 'd1', dueDay: '2026-12-01', daysLeft: 5 },
    ]);
    expect(todayTasks(records, at('2026-11-25T23:59:59'))).toEqual([]);
    expect(DISPUTE_NEAR_DAYS).toBe(5);
  });

  it('counts the registration day in China: 23:30 UTC on 31 October is 1 November', () => {
    const records = [dispute('d1', { registeredAt: '2026-10-31T16:30:00Z', status: 'reported' })];
    expect(todayTasks(records, at('2026-11-30T12:00:00'))[0]).toMatchObject({
      dueDay: '2026-12-01',
      daysLeft: 1,
    });
  });

  it('marks a case past its limit overdue from 00:00 China time on the next day', () => {
    const records = [dispute('d1', { registeredAt, status: 'accepted' })];
    expect(todayTasks(records, new Date('2026-12-01T15:59:59Z'))[0]).toMatchObject({
      kind: 'disputeDueSoon',
      daysLeft: 0,
    });
    expect(todayTasks(records, new Date('2026-12-01T16:00:00Z'))[0]).toMatchObject({
      kind: 'disputeOverdue',
      daysLeft: -1,
    });
  });

  it('lists a case waiting for 受理 for a mediator, with its days left, and not for a grid worker', () => {
    const records = [
      dispute('d1', { registeredAt, status: 'reported' }),
      dispute('d2', { registeredAt, status: 'escalated' }),
      dispute('d3', { registeredAt, status: 'mediating' }),
    ];
    const now = at('2026-11-03T09:00:00');
    const mediator = { id: 'u-mediator', role: 'mediator' };
    expect(todayTasks(records, now, { actor: mediator })).toEqual([
      { kind: 'disputeToAccept', recordId: 'd1', dueDay: '2026-12-01', daysLeft: 28 },
      { kind: 'disputeToAccept', recordId: 'd2', dueDay: '2026-12-01', daysLeft: 28 },
    ]);
    expect(todayTasks(records, now, { actor: { id: 'u-worker', role: 'fullTimeGridWorker' } })).toEqual([]);
    expect(todayTasks(records, now)).toEqual([]);
    // Near its limit the case to take stands in for the limit's task: one row, not two.
    const late = at('2026-11-28T09:00:00');
    expect(todayTasks(records, late, { actor: mediator }).map((task) => [task.recordId, task.kind])).toEqual([
      ['d3', 'disputeDueSoon'],
      ['d1', 'disputeToAccept'],
      ['d2', 'disputeToAccept'],
    ]);
    expect(
      todayTasks(records, late, { actor: { id: 'u-worker', role: 'fullTimeGridWorker' } }).map(
        (task) => task.kind,
      ),
    ).toEqual(['disputeDueSoon', 'disputeDueSoon', 'disputeDueSoon']);
    expect(taskUrgency({ kind: 'disputeToAccept', recordId: 'd1', dueDay: '2026-12-01', daysLeft: 28 })).toBe(
      'near',
    );
  });

  it('moves the limit by the consented extensions', () => {
    const records = [
      dispute('d1', {
        registeredAt,
        status: 'mediating',
        extensions: [
          {
            id: '0190a5d2-7a3b-7c4d-8e9f-0000000000e9',
            at: registeredAt,
            days: 10,
            reason: '双方同意延期',
            partiesConsented: true,
          },
        ],
      }),
    ];
    expect(todayTasks(records, at('2026-11-30T09:00:00'))).toEqual([]);
    expect(todayTasks(records, at('2026-12-06T09:00:00'))[0]).toMatchObject({
      dueDay: '2026-12-11',
      daysLeft: 5,
    });
  });

  it('stops counting the limit once mediation ended, was transferred or closed', () => {
    const now = at('2026-12-20T09:00:00');
    for (const status of [
      'notAccepted',
      'failed',
      'terminated',
      'transferred',
      'closed',
      'followedUp',
    ] as const) {
      expect(todayTasks([dispute('d1', { registeredAt, status })], now)).toEqual([]);
    }
  });

  it('asks for the follow-up visit once the performance deadline has come, due 7 days later', () => {
    const records = [dispute('d1', { registeredAt, status: 'performing', agreement: AGREEMENT })];
    expect(todayTasks(records, at('2026-11-19T23:59:59'))).toEqual([]);
    expect(todayTasks(records, at('2026-11-20T00:00:00'))).toEqual([
      { kind: 'followUpDue', recordId: 'd1', dueDay: '2026-11-27', daysLeft: 7 },
    ]);
    expect(todayTasks(records, at('2026-11-29T09:00:00'))[0]).toMatchObject({ daysLeft: -2 });
  });

  it('asks no follow-up when one was made or the agreement has no performance deadline', () => {
    const now = at('2026-11-27T09:00:00');
    const visited = dispute('d1', { status: 'success', agreement: AGREEMENT });
    visited.body.followUps = [
      {
        id: '0190a5d2-7a3b-7c4d-8e9f-00000000f001',
        at: '2026-11-21T10:00:00+08:00',
        by: '何建华',
        performance: 'fulfilled',
        satisfaction: 'satisfied',
        residualRisk: false,
      },
    ];
    const noDeadline = dispute('d2', { status: 'success', agreement: { terms: '当场赔偿' } });
    expect(todayTasks([visited, noDeadline], now)).toEqual([]);
  });
});

describe('todayTasks: the whole list', () => {
  it('sorts the most urgent first: overdue by days, then today, then later', () => {
    const now = at('2026-11-27T09:00:00');
    const records: GridRecord[] = [
      inspection('near', { deadline: '2026-11-28', status: 'rectifying' }),
      dispute('late', { registeredAt: '2026-10-20T10:00:00+08:00', status: 'mediating' }),
      inspection('today', { deadline: '2026-11-27', status: 'rectifying' }),
      inspection('overdue2', { deadline: '2026-11-25', status: 'rectifying' }),
      dispute('soon', { registeredAt: '2026-10-30T10:00:00+08:00', status: 'mediating' }),
      samplePatrol('p1'),
      sampleRentalHouse('h1'),
    ];
    expect(todayTasks(records, now).map((t) => [t.recordId, t.daysLeft])).toEqual([
      ['late', -8],
      ['overdue2', -2],
      ['today', 0],
      ['near', 1],
      ['soon', 2],
    ]);
  });

  it('puts an overdue kind before a near one on the same day and is stable by record id', () => {
    const now = at('2026-11-27T09:00:00');
    const records: GridRecord[] = [
      dispute('b', { registeredAt: '2026-10-28T10:00:00+08:00', status: 'mediating' }),
      inspection('a', { deadline: '2026-11-27', status: 'rectifying' }),
      dispute('a2', { registeredAt: '2026-10-28T10:00:00+08:00', status: 'mediating' }),
    ];
    expect(todayTasks(records, now).map((t) => [t.kind, t.recordId])).toEqual([
      ['hazardDue', 'a'],
      ['disputeDueSoon', 'a2'],
      ['disputeDueSoon', 'b'],
    ]);
  });

  it('takes other thresholds from the options', () => {
    const records = [inspection('r1', { deadline: '2026-12-02', status: 'rectifying' })];
    expect(todayTasks(records, at('2026-11-27T09:00:00'), { hazardNearDays: 5 })).toHaveLength(1);
    expect(todayTasks(records, at('2026-11-27T09:00:00'), { hazardNearDays: 4 })).toHaveLength(0);
  });

  it('reads the clock it is given, never the system clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const records = [inspection('r1', { deadline: '2026-11-28', status: 'rectifying' })];
    expect(todayTasks(records, at('2026-11-27T09:00:00'))[0]).toMatchObject({ daysLeft: 1 });
  });
});

describe('taskUrgency', () => {
  const task = (kind: Parameters<typeof taskUrgency>[0]['kind'], daysLeft: number) => ({
    kind,
    recordId: 'r1',
    dueDay: '2026-11-27',
    daysLeft,
  });

  it('is overdue below zero days, near within the kind’s threshold, later beyond it', () => {
    expect(taskUrgency(task('recheckDue', -1))).toBe('overdue');
    expect(taskUrgency(task('hazardDue', 2))).toBe('near');
    expect(taskUrgency(task('recheckDue', 3))).toBe('later');
    expect(taskUrgency(task('disputeDueSoon', 5))).toBe('near');
    expect(taskUrgency(task('followUpDue', 6))).toBe('later');
  });
});

describe('resolvedInGridThisMonth (小事不出网格)', () => {
  const success = (at: string, fromLevel?: 'grid' | 'community') => ({
    id: '0190a5d2-7a3b-7c4d-8e9f-00000000a001',
    at,
    by: 'u1',
    action: 'succeed' as const,
    fromStatus: 'mediating' as const,
    toStatus: 'success' as const,
    ...(fromLevel && { fromLevel, toLevel: fromLevel }),
  });

  it('counts agreements reached at grid level this month, by the success entry of the flow log', () => {
    const now = at('2026-11-27T09:00:00');
    const records = [
      dispute('d1', {
        status: 'success',
        agreement: AGREEMENT,
        flowLogs: [success('2026-11-05T10:00:00+08:00')],
      }),
      dispute('d2', {
        status: 'performing',
        agreement: AGREEMENT,
        flowLogs: [success('2026-11-26T10:00:00+08:00')],
      }),
      dispute('d3', {
        status: 'followedUp',
        agreement: AGREEMENT,
        flowLogs: [success('2026-11-01T00:00:00+08:00')],
      }),
      dispute('d4', {
        status: 'closed',
        agreement: AGREEMENT,
        flowLogs: [success('2026-11-10T10:00:00+08:00')],
      }),
    ];
    expect(resolvedInGridThisMonth(records, now)).toBe(4);
  });

  it('leaves out last month, other levels, cases without an agreement and deleted ones', () => {
    const now = at('2026-11-27T09:00:00');
    const deleted = dispute('d5', { status: 'success', agreement: AGREEMENT });
    deleted.deleted = true;
    const records = [
      // 23:59 on 31 October in China is still last month, although 1 November has begun nowhere.
      dispute('d1', {
        status: 'success',
        agreement: AGREEMENT,
        flowLogs: [success('2026-10-31T23:59:00+08:00')],
      }),
      dispute('d2', {
        status: 'success',
        agreement: AGREEMENT,
        flowLogs: [success('2026-11-20T10:00:00+08:00', 'community')],
      }),
      dispute('d3', { status: 'closed', flowLogs: [success('2026-11-20T10:00:00+08:00')] }),
      dispute('d4', { status: 'mediating', registeredAt: '2026-11-20T10:00:00+08:00' }),
      deleted,
    ];
    expect(resolvedInGridThisMonth(records, now)).toBe(0);
  });

  it('uses the registration time and the current level when the flow log has no success entry', () => {
    const records = [
      dispute('d1', {
        status: 'performing',
        agreement: AGREEMENT,
        registeredAt: '2026-11-01T00:00:00+08:00',
      }),
      dispute('d2', {
        status: 'performing',
        agreement: AGREEMENT,
        registeredAt: '2026-11-03T00:00:00+08:00',
        handlingLevel: 'street',
      }),
    ];
    // 2026-11-01 00:00 in China is 31 October 16:00 UTC.
    expect(resolvedInGridThisMonth(records, new Date('2026-10-31T16:00:00Z'))).toBe(1);
    expect(resolvedInGridThisMonth(records, new Date('2026-10-31T15:59:59Z'))).toBe(0);
    expect(resolvedInGridThisMonth(records, at('2026-12-01T00:00:00'))).toBe(0);
  });
});
