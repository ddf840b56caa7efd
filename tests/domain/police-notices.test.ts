import { describe, expect, it } from 'vitest';
import { receivesPoliceNotices } from '../../src/domain/access-rules';
import type { Department } from '../../src/domain/departments';
import type { GridEventStatus } from '../../src/domain/event-workflow';
import { policeNotices } from '../../src/domain/police-notices';
import type { DisputeRecord, GridEventRecord } from '../../src/domain/record-envelope';
import { sampleDispute, sampleGridEvent } from '../support/sample-records';

const NOW = new Date('2026-12-03T02:00:00Z');
const DEPARTMENTS: Department[] = [
  { id: 'dc-police', name: '大厂派出所', type: 'police', streetId: 'dc' },
  { id: 'dc-zhifa', name: '大厂综合执法中队', type: 'lawEnforcement', streetId: 'dc' },
];

function dispute(n: number, body: Partial<DisputeRecord['body']>): DisputeRecord {
  const record = sampleDispute(`0190a5d2-7a3b-7c4d-8e9f-00000000010${n}`);
  return { ...record, body: { ...record.body, ...body } };
}

function event(n: number, status: GridEventStatus, departmentId?: string): GridEventRecord {
  const record = sampleGridEvent(`0190a5d2-7a3b-7c4d-8e9f-00000000020${n}`);
  return { ...record, body: { ...record.body, status, ...(departmentId ? { departmentId } : {}) } };
}

describe('警务关注', () => {
  it('tells the police of a dispute that may turn criminal, while it is unresolved', () => {
    const risky = dispute(1, { riskFlags: ['criminalRisk'], status: 'mediating' });
    const calm = dispute(2, { riskFlags: ['mayIntensify'], status: 'mediating' });
    const settled = dispute(3, { riskFlags: ['criminalRisk'], status: 'closed' });
    expect(policeNotices([risky, calm, settled], DEPARTMENTS, NOW)).toEqual([
      { kind: 'disputeRisk', recordId: risky.id, since: risky.body.registeredAt },
    ]);
  });

  it('lists a dispute handed to the 派出所 until its feedback closes it, and no other hand-over', () => {
    const toPolice = dispute(1, { status: 'awaitingFeedback', referredTo: 'policeStation' });
    const toCourt = dispute(2, { status: 'transferred', referredTo: 'court', riskFlags: ['criminalRisk'] });
    expect(policeNotices([toPolice, toCourt], DEPARTMENTS, NOW).map((n) => [n.kind, n.recordId])).toEqual([
      ['disputeReferred', toPolice.id],
    ]);
    const closed = dispute(1, { status: 'closed', referredTo: 'policeStation' });
    expect(policeNotices([closed], DEPARTMENTS, NOW)).toEqual([]);
  });

  it('lists an event while a 派出所 holds it, not one at another department or handled already', () => {
    const atStation = event(1, 'processing', 'dc-police');
    const records = [
      atStation,
      event(2, 'assigned', 'dc-zhifa'),
      event(3, 'processed', 'dc-police'),
      event(4, 'reported'),
      { ...event(5, 'assigned', 'dc-police'), deleted: true },
    ];
    expect(policeNotices(records, DEPARTMENTS, NOW)).toEqual([
      { kind: 'eventAtStation', recordId: atStation.id, since: atStation.body.reportedAt },
    ]);
    // Without the street's list the type is unknown: nothing is guessed from the id.
    expect(policeNotices(records, [], NOW)).toEqual([]);
  });

  it('orders the longest waiting first, by the instant whatever offset each was written with', () => {
    // 09:30 +08:00 is 01:30 UTC: before 02:00 UTC, though its string sorts after.
    const older = event(1, 'assigned', 'dc-police');
    expect(older.body.reportedAt).toBe('2026-11-20T09:30:00.000+08:00');
    const newer = dispute(2, { riskFlags: ['criminalRisk'], registeredAt: '2026-11-20T02:00:00.000Z' });
    const ids = policeNotices([newer, older], DEPARTMENTS, NOW).map((n) => n.recordId);
    expect(ids).toEqual([older.id, newer.id]);
  });

  it('goes to the community police and auxiliary police only', () => {
    expect(receivesPoliceNotices('communityPolice')).toBe(true);
    expect(receivesPoliceNotices('auxiliaryPolice')).toBe(true);
    for (const role of ['fullTimeGridWorker', 'mediator', 'gridLeader', 'departmentStaff'])
      expect(receivesPoliceNotices(role)).toBe(false);
  });
});
