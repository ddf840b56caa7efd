import { describe, expect, it } from 'vitest';
import { inspectionOutcome, overallResultFor, withDerivedOutcome } from '../../src/domain/inspection-outcome';
import type { Hazard } from '../../src/domain/rental-inspection';
import { sampleRentalInspection } from '../support/sample-records';

const hazard = (patch: Partial<Hazard>): Hazard => ({
  id: '0190a5d2-7a3b-7c4d-8e9f-0000000000a1',
  itemCode: 'EB01',
  description: '电动车进楼',
  hazardLevel: 'major',
  handling: 'onSite',
  status: 'open',
  rechecks: [],
  ...patch,
});

describe('the outcome of an inspection, derived from its hazards', () => {
  it('is 未发现隐患 and closed with no hazards', () => {
    expect(inspectionOutcome([])).toEqual({ overallResult: 'noHazard', status: 'closed' });
  });

  it('is 当场整改 and closed when every hazard was fixed on site and signed off', () => {
    const closed = hazard({ status: 'closed', photoIds: ['a'.repeat(64)] });
    expect(inspectionOutcome([closed, { ...closed, itemCode: 'EL01' }])).toEqual({
      overallResult: 'fixedOnSite',
      status: 'closed',
    });
  });

  it('is 限期整改 and 整改中 as soon as one hazard has a deadline, with the latest deadline', () => {
    const outcome = inspectionOutcome([
      hazard({ status: 'closed' }),
      hazard({ handling: 'deadline', deadline: '2026-12-03', status: 'rectifying' }),
      hazard({ handling: 'deadline', deadline: '2026-12-10', status: 'rectifying' }),
      hazard({ handling: 'referred', referredTo: 'fireRescue', status: 'referred' }),
    ]);
    expect(outcome).toEqual({
      overallResult: 'rectifying',
      status: 'rectifying',
      rectificationDeadline: '2026-12-10',
    });
  });

  it('is 移交上报 when hazards were referred and none has a deadline', () => {
    const outcome = inspectionOutcome([
      hazard({ status: 'closed' }),
      hazard({ handling: 'referred', referredTo: 'police', status: 'referred' }),
    ]);
    expect(outcome).toEqual({ overallResult: 'referred', status: 'referred' });
  });

  it('keeps a hazard without a chosen handling open: the inspection is only 已提交', () => {
    expect(inspectionOutcome([hazard({})]).status).toBe('submitted');
    expect(overallResultFor([hazard({})])).toBe('fixedOnSite');
  });

  it('drops a stale 整改期限 once no hazard is to be fixed by a deadline', () => {
    const body = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001').body;
    const referred = withDerivedOutcome({
      ...body,
      hazards: body.hazards.map((h) => ({
        ...h,
        handling: 'referred' as const,
        referredTo: 'police' as const,
        status: 'referred' as const,
      })),
    });
    expect(referred.rectificationDeadline).toBeUndefined();
    expect(referred.overallResult).toBe('referred');
    expect(referred.status).toBe('referred');
  });
});
