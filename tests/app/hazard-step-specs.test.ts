/**
 * The hazard follow-up as step specs for the generic workflow sheet (issue 11): each step's sheet
 * asks for what the hazard state machine needs, and what a filled-in sheet makes is an action the
 * machine takes to the expected status — the same path the dispute steps take.
 */
import { describe, expect, it } from 'vitest';
import {
  HAZARD_STEP_SPECS,
  type HazardStepContext,
} from '../../src/app/kinds/rental-inspection/hazard-steps';
import { missingFields, type StepValues } from '../../src/app/workflow/step-spec';
import { applyHazardActionToInspection } from '../../src/domain/hazard-actions';
import {
  HAZARD_EVENT_TYPES,
  type HazardEventType,
  type HazardStatus,
} from '../../src/domain/hazard-workflow';
import type { Hazard } from '../../src/domain/rental-inspection';
import { sampleRentalInspection } from '../support/sample-records';

const SHA = 'a'.repeat(64);
const NOW = new Date('2026-11-20T02:00:00Z');
const inspection = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-0000000000d1');
const hazardIn = (status: HazardStatus, extra: Partial<Hazard> = {}): Hazard => ({
  ...(inspection.body.hazards[0] as Hazard),
  status,
  ...extra,
});
let n = 0;
const contextFor = (hazard: Hazard): HazardStepContext => ({
  hazard,
  user: { name: '王丽' },
  newId: () => `0190a5d2-7a3b-7c4d-8e9f-${String(++n).padStart(12, '0')}`,
});

/** Fills the sheet of `type` with `values` and takes the action to the hazard's state machine. */
function take(type: HazardEventType, hazard: Hazard, values: StepValues, now = NOW) {
  const spec = HAZARD_STEP_SPECS[type];
  const context = contextFor(hazard);
  const filled = { ...spec.initial(context), ...values };
  const missing = missingFields(spec.fields(context), filled);
  const body = { ...inspection.body, hazards: [hazard] };
  const result = applyHazardActionToInspection(body, hazard.id, spec.toAction(filled, context), now);
  return { missing, result, hazard: result.ok ? result.body.hazards[0] : undefined };
}

describe('hazard step sheets', () => {
  it('has a spec for every hazard event, and only 报告已整改 and 销号 skip the sheet', () => {
    expect(Object.keys(HAZARD_STEP_SPECS).sort()).toEqual([...HAZARD_EVENT_TYPES].sort());
    const instant = HAZARD_EVENT_TYPES.filter((type) => HAZARD_STEP_SPECS[type].instant);
    expect(instant.sort()).toEqual(['close', 'reportFixed']);
    for (const type of instant)
      expect(HAZARD_STEP_SPECS[type].fields(contextFor(hazardIn('open')))).toEqual([]);
  });

  it('当场整改 asks for the photo of the fix, and with it the hazard is 已当场整改', () => {
    expect(take('fixOnSite', hazardIn('open'), {}).missing).toEqual(['photos']);
    const done = take('fixOnSite', hazardIn('open'), { photos: [{ sha256: SHA }] });
    expect(done.hazard).toMatchObject({ status: 'fixedOnSite', photoIds: [SHA] });
  });

  it('限期整改 asks for the day; the responsible party it knew is offered again', () => {
    const hazard = hazardIn('open', { responsibleParty: 'landlord' });
    expect(HAZARD_STEP_SPECS.setDeadline.initial(contextFor(hazard))).toMatchObject({
      responsibleParty: 'landlord',
    });
    expect(take('setDeadline', hazard, {}).missing).toEqual(['deadline']);
    const set = take('setDeadline', hazard, { deadline: '2026-11-30', responsibleParty: 'tenant' });
    expect(set.hazard).toMatchObject({
      status: 'rectifying',
      deadline: '2026-11-30',
      responsibleParty: 'tenant',
    });
  });

  it('移交 asks for the unit', () => {
    expect(take('refer', hazardIn('recheckFailed'), {}).missing).toEqual(['referredTo']);
    const referred = take('refer', hazardIn('recheckFailed'), { referredTo: 'fire' });
    expect(referred.hazard).toMatchObject({ status: 'referred', referredTo: 'fire' });
  });

  it('复查 asks for its result; the recheck is appended by the signed-in worker with its photo', () => {
    const reported = hazardIn('reportedFixed');
    expect(take('recheck', reported, {}).missing).toEqual(['result']);
    const passed = take('recheck', reported, {
      result: 'passed',
      note: ' 已穿管 ',
      photos: [{ sha256: SHA }],
    });
    expect(passed.hazard?.status).toBe('recheckPassed');
    expect(passed.hazard?.rechecks).toEqual([
      expect.objectContaining({ result: 'passed', by: '王丽', note: '已穿管', photoIds: [SHA] }),
    ]);
    expect(take('recheck', reported, { result: 'failed' }).hazard?.status).toBe('recheckFailed');
  });

  it('复查 before the deadline of a hazard nobody reported fixed is refused by the state machine', () => {
    const early = take('recheck', hazardIn('rectifying', { deadline: '2026-11-27' }), { result: 'passed' });
    expect(early.result).toEqual({ ok: false, reason: 'deadlineNotReached' });
  });

  it('部门反馈 asks for the reply, and 销号 then closes the hazard', () => {
    expect(take('deptFeedback', hazardIn('referred'), {}).missing).toEqual(['note']);
    const replied = take('deptFeedback', hazardIn('referred'), { note: '消防已处理' });
    expect(replied.hazard).toMatchObject({ status: 'deptFeedback', feedback: '消防已处理' });
    expect(take('close', hazardIn('deptFeedback'), {}).hazard?.status).toBe('closed');
  });
});
