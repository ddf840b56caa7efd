import { describe, expect, it } from 'vitest';
import { DISPUTE_STATUSES } from '../../src/domain/dispute';
import {
  DISPUTE_STATUS_PHASE,
  isDisputeOverdue,
  isUnresolved,
  mediationLimitRuns,
} from '../../src/domain/dispute-status';
import {
  hazardDeadline,
  isHazardOverdue,
  isHazardSettled,
  isInspectionOverdue,
} from '../../src/domain/hazard-status';
import { HAZARD_STATUSES } from '../../src/domain/hazard-workflow';

describe('what a hazard status means', () => {
  const deadline = '2026-06-10';
  const lastSecond = new Date('2026-06-10T23:59:59+08:00');
  const nextDay = new Date('2026-06-11T00:00:00+08:00');
  const farLater = new Date('2026-07-30T00:00:00+08:00');

  it('is overdue once the deadline day has ended in Beijing', () => {
    expect(isHazardOverdue({ status: 'rectifying', deadline }, lastSecond)).toBe(false);
    expect(isHazardOverdue({ status: 'rectifying', deadline }, nextDay)).toBe(true);
  });

  it.each(HAZARD_STATUSES)('runs the clock its status says for %s', (status) => {
    const running = hazardDeadline({ status, deadline });
    if (isHazardSettled(status) || ['open', 'referred', 'deptFeedback'].includes(status)) {
      expect(running).toBeUndefined();
      expect(isHazardOverdue({ status, deadline }, farLater)).toBe(false);
    } else {
      expect(running?.kind).toBe(status === 'reportedFixed' ? 'recheck' : 'rectification');
      expect(isHazardOverdue({ status, deadline }, farLater)).toBe(true);
    }
  });

  it('gives a hazard reported fixed three working days after the deadline for the recheck', () => {
    // 2026-06-10 is a Wednesday: Thursday, Friday, Monday.
    expect(hazardDeadline({ status: 'reportedFixed', deadline })).toEqual({
      kind: 'recheck',
      dueDay: '2026-06-15',
    });
    expect(isHazardOverdue({ status: 'reportedFixed', deadline }, nextDay)).toBe(false);
    expect(
      isHazardOverdue({ status: 'reportedFixed', deadline }, new Date('2026-06-16T00:00:00+08:00')),
    ).toBe(true);
  });

  it('never applies without a deadline, nor to a closed inspection', () => {
    expect(isHazardOverdue({ status: 'rectifying' }, farLater)).toBe(false);
    const hazards = [{ status: 'rectifying' as const, deadline }];
    expect(isInspectionOverdue({ status: 'rectifying', hazards }, farLater)).toBe(true);
    expect(isInspectionOverdue({ status: 'closed', hazards }, farLater)).toBe(false);
  });
});

describe('what a dispute status means', () => {
  const registeredAt = '2026-09-01T02:00:00.000Z';
  const sixtyDaysOn = new Date('2026-10-31T02:00:00.000Z');
  const facts = (status: (typeof DISPUTE_STATUSES)[number]) => ({
    status,
    registeredAt,
    flowLogs: [],
    extensions: [],
    followUps: [],
  });

  it('gives every status a phase', () => {
    expect(Object.keys(DISPUTE_STATUS_PHASE).sort()).toEqual([...DISPUTE_STATUSES].sort());
  });

  it.each(DISPUTE_STATUSES)(
    'is 60 days past registration overdue in %s only while mediation runs',
    (status) => {
      expect(isDisputeOverdue(facts(status), sixtyDaysOn)).toBe(mediationLimitRuns(status));
    },
  );

  it('never calls a mediated case 逾期, however old (the bug the list and map once showed)', () => {
    expect(isDisputeOverdue(facts('success'), sixtyDaysOn)).toBe(false);
    expect(isUnresolved('success')).toBe(false);
  });

  it('is overdue when the 回访 after performance is late', () => {
    const agreed = { ...facts('performing'), agreement: { performanceDeadline: '2026-10-01' } };
    expect(isDisputeOverdue(agreed, new Date('2026-10-08T12:00:00+08:00'))).toBe(false);
    expect(isDisputeOverdue(agreed, new Date('2026-10-09T00:00:00+08:00'))).toBe(true);
    expect(isDisputeOverdue({ ...agreed, followUps: [{}] }, new Date('2026-10-09T00:00:00+08:00'))).toBe(
      false,
    );
  });
});
