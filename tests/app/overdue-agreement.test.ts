/**
 * The list's 逾期 filter, the map's halo and 今日待办 agree on what is overdue, for every status of
 * every kind with a deadline, on days before, at and after it: each reads the one definition in
 * src/domain (hazard-status.ts, dispute-status.ts). They once drifted: a case in 调解成功 60 days
 * after registration showed 逾期 in the list and on the map while 今日待办 said nothing.
 */
import { describe, expect, it } from 'vitest';
import { recordFacets } from '../../src/app/lib/record-facets';
import { recordAlert } from '../../src/app/map/map-features';
import { DISPUTE_STATUSES } from '../../src/domain/dispute';
import { HAZARD_STATUSES } from '../../src/domain/hazard-workflow';
import type { GridRecord } from '../../src/domain/record-envelope';
import { todayTasks } from '../../src/domain/today-tasks';
import { syncedRow } from '../../src/sync/local-db';
import { sampleDispute, sampleRentalInspection } from '../support/sample-records';

const DAYS = [-3, 0, 1, 2, 5, 20, 40, 60, 90];

function verdicts(record: GridRecord, now: Date) {
  const row = syncedRow(record);
  return {
    list: recordFacets(row).overdue(now),
    map: recordAlert(row, now) === 'overdue',
    today: todayTasks([record], now).some((task) => task.daysLeft < 0),
  };
}

function expectAgreement(record: GridRecord, from: string, label: string): number {
  let overdue = 0;
  for (const days of DAYS) {
    const now = new Date(Date.parse(from) + days * 86_400_000);
    const { list, map, today } = verdicts(record, now);
    expect({ label, days, list, map }).toEqual({ label, days, list: today, map: today });
    if (today) overdue += 1;
  }
  return overdue;
}

describe('what is overdue, as the list, the map and 今日待办 see it', () => {
  it.each(HAZARD_STATUSES)('agrees on an inspection whose hazard is %s', (status) => {
    const sample = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-0000000000f1');
    const [hazard] = sample.body.hazards;
    if (!hazard) throw new Error('sample inspection needs a hazard');
    const record = { ...sample, body: { ...sample.body, hazards: [{ ...hazard, status }] } };
    expectAgreement(record, '2026-11-27T04:00:00.000Z', status);
  });

  it.each(DISPUTE_STATUSES)('agrees on a dispute in %s', (status) => {
    const sample = sampleDispute('0190a5d2-7a3b-7c4d-8e9f-0000000000f2');
    const agreement = { type: 'oral', content: '赔偿维修费800元', performanceDeadline: '2026-12-20' };
    const body = {
      ...sample.body,
      status,
      registeredAt: '2026-11-01T02:00:00.000Z',
      ...(status === 'success' || status === 'performing' ? { agreement } : {}),
    };
    expectAgreement({ ...sample, body } as GridRecord, '2026-11-01T02:00:00.000Z', status);
  });

  it('sees the overdue cases at all (the agreement above is not all "never")', () => {
    const sample = sampleDispute('0190a5d2-7a3b-7c4d-8e9f-0000000000f3');
    const mediating = { ...sample, body: { ...sample.body, status: 'mediating' as const } };
    expect(expectAgreement(mediating, sample.body.registeredAt, 'mediating')).toBeGreaterThan(0);
    const settled = { ...sample, body: { ...sample.body, status: 'success' as const } };
    expect(expectAgreement(settled, sample.body.registeredAt, 'success')).toBe(0);
  });
});
