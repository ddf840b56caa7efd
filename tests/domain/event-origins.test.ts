import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { EVENT_CATEGORY_CODES } from '../../src/domain/event-categories';
import { checkEventChange } from '../../src/domain/event-change';
import {
  eventFromDispute,
  eventFromHazard,
  FINDING_CATEGORY_OF,
  reportingLevelOf,
} from '../../src/domain/event-origins';
import { gridEventBodySchema } from '../../src/domain/grid-event';
import { FINDING_CATEGORIES } from '../../src/domain/patrol-figures';
import { sampleDispute, sampleRentalInspection } from '../support/sample-records';

const NOW = new Date('2026-09-28T02:00:00.000Z');
const WORKER = { id: 'demo-hb-grid01', role: 'fullTimeGridWorker', name: '王丽' };
const ZHIFA = {
  id: 'dachang-zhifa',
  name: '大厂综合执法中队',
  type: 'lawEnforcement' as const,
  streetId: 'dachang',
};
const LOG_IDS = ['0190a5d2-7a3b-7c4d-8e9f-0000000000e1', '0190a5d2-7a3b-7c4d-8e9f-0000000000e2'] as const;

describe('events reported from where the work happens', () => {
  it('turns a hazard handed to 综合执法 into an event dispatched to it, which the server accepts as reported', () => {
    const inspection = sampleRentalInspection(
      '0190a5d2-7a3b-7c4d-8e9f-0000000000a1',
      'dachang-hubin-01',
      WORKER.id,
    );
    const hazard = inspection.body.hazards[0];
    if (!hazard) throw new Error('the sample has a hazard');
    const result = eventFromHazard({
      inspection: inspection.body,
      inspectionId: inspection.id,
      hazard: { ...hazard, photoIds: ['c'.repeat(64)] },
      title: '楼道内电动车停放充电',
      department: ZHIFA,
      deadline: '2026-10-12',
      reporter: WORKER,
      now: NOW,
      logIds: LOG_IDS,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.body).toMatchObject({
      status: 'assigned',
      departmentId: 'dachang-zhifa',
      deadline: '2026-10-12',
      rentalInspectionId: inspection.id,
      hazardId: hazard.id,
      reportedLevel: 'grid',
    });
    expect(z.safeParse(gridEventBodySchema, result.body).success).toBe(true);
    const check = checkEventChange(undefined, result.body, WORKER, {
      now: NOW,
      departmentIds: new Set([ZHIFA.id]),
    });
    expect(check).toEqual({ ok: true });
    // Another street's department is out of reach even on a handover.
    expect(
      checkEventChange(undefined, result.body, WORKER, {
        now: NOW,
        departmentIds: new Set(['taishan-zhifa']),
      }),
    ).toMatchObject({
      ok: false,
      reason: 'departmentOutOfReach',
    });
  });

  it('sends a dispute beyond the community to the street as an event linked to the case', () => {
    const dispute = sampleDispute('0190a5d2-7a3b-7c4d-8e9f-0000000000d1', 'dachang-hubin-01', WORKER.id);
    const body = eventFromDispute({
      dispute: dispute.body,
      disputeId: dispute.id,
      reason: '涉及多个社区',
      reporter: WORKER,
      now: NOW,
    });
    expect(body).toMatchObject({
      categoryL1: 'dispute',
      reportedLevel: 'street',
      handlingLevel: 'street',
      disputeId: dispute.id,
    });
    expect(z.safeParse(gridEventBodySchema, body).success).toBe(true);
    expect(checkEventChange(undefined, body, WORKER, { now: NOW, departmentIds: new Set() })).toEqual({
      ok: true,
    });
  });

  it('counts every category under one of the patrol log’s 发现问题, and reports by role at its level', () => {
    for (const code of EVENT_CATEGORY_CODES) expect(FINDING_CATEGORIES).toContain(FINDING_CATEGORY_OF[code]);
    expect(
      ['fullTimeGridWorker', 'communityAdmin', 'gridLeader', 'streetAdmin'].map(reportingLevelOf),
    ).toEqual(['grid', 'community', 'community', 'street']);
  });
});
