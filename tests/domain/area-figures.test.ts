import { describe, expect, it } from 'vitest';
import { areaFigures, periodsOf, workerOutcomes } from '../../src/domain/area-figures';
import { takeEventStep } from '../../src/domain/event-steps';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { sampleGridEvent } from '../support/sample-records';

const NOW = new Date('2026-11-26T02:00:00.000Z'); // a Thursday in China
const ADMIN = { id: 'demo-hb-admin', role: 'communityAdmin' };
const WORKER = { id: 'u1', role: 'fullTimeGridWorker' };
const ZHIFA = { id: 'demo-hb-enforce', role: 'lawEnforcement', departmentId: 'dachang-zhifa' };

let n = 0;
function event(steps: [typeof ADMIN, GridEventEvent, string][]): GridEventRecord {
  n += 1;
  const base = sampleGridEvent(`0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`, 'g1', 'u1');
  let body = { ...base.body, reportedAt: '2026-11-23T01:00:00.000Z' };
  for (const [i, [actor, step, at]] of steps.entries()) {
    const taken = takeEventStep(
      body,
      actor,
      { event: step, logId: `0190a5d2-7a3b-7c4d-8e9f-${String(n * 100 + i).padStart(12, '0')}`, at },
      { now: new Date(at), departmentIds: new Set(['dachang-zhifa']) },
    );
    if (!taken.ok) throw new Error(taken.reason);
    body = taken.body;
  }
  return { ...base, body };
}

const closedBy = (closeAt: string, deadline: string) =>
  event([
    [ADMIN, { type: 'accept' }, '2026-11-23T02:00:00.000Z'],
    [ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline }, '2026-11-23T03:00:00.000Z'],
    [ZHIFA, { type: 'process' }, '2026-11-23T04:00:00.000Z'],
    [ZHIFA, { type: 'complete', note: '已处置' }, '2026-11-24T04:00:00.000Z'],
    [WORKER, { type: 'verify', passed: true }, '2026-11-24T05:00:00.000Z'],
    [WORKER, { type: 'close' }, closeAt],
  ]);

describe('the supervisor’s figures', () => {
  it('runs a week from Monday in China, and the previous week before it', () => {
    const { current, previous } = periodsOf('week', NOW);
    expect(current.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(previous.from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(periodsOf('month', NOW).previous.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('counts 按期办结率 over the events closed in the period, and 自行处置率 over those reported', () => {
    const onTime = closedBy('2026-11-25T02:00:00.000Z', '2026-11-25');
    const late = closedBy('2026-11-25T17:00:00.000Z', '2026-11-25'); // 11-26 in China: a day late
    const filed = event([[WORKER, { type: 'selfResolve', note: '当场劝离' }, '2026-11-23T01:30:00.000Z']]);
    const open = event([]);
    const { current } = periodsOf('week', NOW);
    const figures = areaFigures([onTime, late, filed, open], ['g1'], current, NOW).events;
    expect(figures).toMatchObject({
      reported: 4,
      closed: 2,
      onTimeRate: 0.5,
      selfResolvedRate: 0.25,
      open: 1,
    });
    expect(figures.byStatus).toEqual({ closed: 2, filed: 1, reported: 1 });
  });

  it('gives each worker the outcomes of the records they made, and no rate out of nothing', () => {
    const theirs = event([[WORKER, { type: 'selfResolve', note: '当场劝离' }, '2026-11-23T01:30:00.000Z']]);
    const alsoTheirs = event([]);
    const someoneElses = { ...event([]), createdBy: 'u2' };
    const gone = { ...event([]), createdBy: 'u3', deleted: true };
    const { current } = periodsOf('week', NOW);
    const outcomes = workerOutcomes([theirs, alsoTheirs, someoneElses, gone], current, NOW);
    expect(outcomes.get('u1')).toEqual({
      eventsReported: 2,
      selfResolvedRate: 0.5,
      disputesResolvedRate: null,
      fixedOnSiteRate: null,
      hazardsOverdue: 0,
    });
    expect(outcomes.get('u2')).toMatchObject({ eventsReported: 1, selfResolvedRate: 0 });
    // A tombstone is nobody's outcome.
    expect(outcomes.has('u3')).toBe(false);
  });

  it('gives no rate where there is nothing to rate, never a 0 % or 100 % out of nothing', () => {
    const { current } = periodsOf('day', NOW);
    const figures = areaFigures([], ['g1', 'g2'], current, NOW);
    expect(figures.events.onTimeRate).toBeNull();
    expect(figures.disputes.resolvedRate).toBeNull();
    expect(figures.rentals.coverage).toBeNull();
    expect(figures.patrols.gridCoverage).toBe(0);
  });
});
