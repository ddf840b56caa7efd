import { describe, expect, it } from 'vitest';
import { applyHazardAction, applyHazardActionToInspection } from '../../src/domain/hazard-actions';
import { photoIdsOf } from '../../src/domain/photo';
import { rentalInspectionBodySchema } from '../../src/domain/rental-inspection';
import { sampleRentalInspection } from '../support/sample-records';

const PHOTO = 'b'.repeat(64);
const RECHECK_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000000c1';
/** 2026-11-27 10:00 in China: the sample hazard's deadline day. */
const ON_DEADLINE = new Date('2026-11-27T02:00:00Z');
const BEFORE_DEADLINE = new Date('2026-11-25T02:00:00Z');

const body = () => sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001').body;
const hazardId = () => body().hazards[0]?.id ?? '';
function firstHazard() {
  const hazard = body().hazards[0];
  if (!hazard) throw new Error('The sample inspection has a hazard');
  return hazard;
}

describe('a hazard action on an inspection', () => {
  it('refuses a recheck before the deadline day when nobody reported the fix', () => {
    const result = applyHazardActionToInspection(
      body(),
      hazardId(),
      { type: 'recheck', id: RECHECK_ID, result: 'passed', by: '张网格' },
      BEFORE_DEADLINE,
    );
    expect(result).toEqual({ ok: false, reason: 'deadlineNotReached' });
  });

  it('reports the fix, rechecks it passed with a photo, signs it off and closes the inspection', () => {
    const reported = applyHazardActionToInspection(
      body(),
      hazardId(),
      { type: 'reportFixed' },
      BEFORE_DEADLINE,
    );
    if (!reported.ok) throw new Error(reported.reason);
    expect(reported.body.hazards[0]).toMatchObject({
      status: 'reportedFixed',
      rectifiedAt: BEFORE_DEADLINE.toISOString(),
    });
    expect(reported.body.status).toBe('pendingRecheck');

    const rechecked = applyHazardActionToInspection(
      reported.body,
      hazardId(),
      { type: 'recheck', id: RECHECK_ID, result: 'passed', by: '张网格', note: '已清出', photoIds: [PHOTO] },
      BEFORE_DEADLINE,
    );
    if (!rechecked.ok) throw new Error(rechecked.reason);
    expect(rechecked.body.hazards[0]?.rechecks).toEqual([
      {
        id: RECHECK_ID,
        at: BEFORE_DEADLINE.toISOString(),
        by: '张网格',
        result: 'passed',
        note: '已清出',
        photoIds: [PHOTO],
      },
    ]);
    // The recheck photo stays with the recheck (photoIdsOf finds it there); the entry is unchanged.
    expect(rechecked.body.checklist).toEqual(body().checklist);
    expect(photoIdsOf(rechecked.body)).toContain(PHOTO);

    const closed = applyHazardActionToInspection(rechecked.body, hazardId(), { type: 'close' }, ON_DEADLINE);
    if (!closed.ok) throw new Error(closed.reason);
    expect(closed.body.hazards[0]).toMatchObject({ status: 'closed', closedAt: ON_DEADLINE.toISOString() });
    expect(closed.body.status).toBe('closed');
    expect(rentalInspectionBodySchema.safeParse(closed.body).success).toBe(true);
  });

  it('after a failed recheck accepts only a later deadline, and the inspection is 整改中 again', () => {
    const failed = applyHazardActionToInspection(
      body(),
      hazardId(),
      { type: 'recheck', id: RECHECK_ID, result: 'failed', by: '张网格' },
      ON_DEADLINE,
    );
    if (!failed.ok) throw new Error(failed.reason);
    expect(failed.body.hazards[0]?.status).toBe('recheckFailed');
    expect(
      applyHazardActionToInspection(
        failed.body,
        hazardId(),
        { type: 'setDeadline', deadline: '2026-11-27' },
        ON_DEADLINE,
      ),
    ).toEqual({ ok: false, reason: 'deadlineNotLater' });
    const again = applyHazardActionToInspection(
      failed.body,
      hazardId(),
      { type: 'setDeadline', deadline: '2026-12-04', responsibleParty: 'landlord' },
      ON_DEADLINE,
    );
    if (!again.ok) throw new Error(again.reason);
    expect(again.body.hazards[0]).toMatchObject({
      status: 'rectifying',
      deadline: '2026-12-04',
      responsibleParty: 'landlord',
    });
    expect(again.body).toMatchObject({ status: 'rectifying', rectificationDeadline: '2026-12-04' });
  });

  it('fixes an open hazard on site only with a photo, and stamps when it was handled', () => {
    const open = { ...firstHazard(), status: 'open' as const, handling: 'onSite' as const };
    expect(applyHazardAction(open, { type: 'fixOnSite', photoIds: [] }, ON_DEADLINE)).toEqual({
      ok: false,
      reason: 'photoRequired',
    });
    const fixed = applyHazardAction(open, { type: 'fixOnSite', photoIds: [PHOTO] }, ON_DEADLINE);
    expect(fixed).toMatchObject({
      ok: true,
      hazard: { status: 'fixedOnSite', photoIds: [PHOTO], processedAt: ON_DEADLINE.toISOString() },
    });
  });

  it('records a department’s feedback on a referred hazard, and needs words for it', () => {
    const referred = applyHazardAction(
      { ...firstHazard(), status: 'open' },
      { type: 'refer', referredTo: 'fireRescue' },
      ON_DEADLINE,
    );
    if (!referred.ok) throw new Error(referred.reason);
    expect(referred.hazard).toMatchObject({
      status: 'referred',
      handling: 'referred',
      referredTo: 'fireRescue',
    });
    expect(applyHazardAction(referred.hazard, { type: 'deptFeedback', note: ' ' }, ON_DEADLINE)).toEqual({
      ok: false,
      reason: 'feedbackRequired',
    });
    expect(
      applyHazardAction(referred.hazard, { type: 'deptFeedback', note: '已约谈房东' }, ON_DEADLINE),
    ).toMatchObject({
      ok: true,
      hazard: { status: 'deptFeedback', feedback: '已约谈房东' },
    });
  });
});
