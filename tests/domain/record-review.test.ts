import { describe, expect, it } from 'vitest';
import { canCreate, canReview, canWrite, recordFacts } from '../../src/domain/access-rules';
import { withDerivedOutcome } from '../../src/domain/inspection-outcome';
import type { PatrolBody } from '../../src/domain/patrol';
import { checkReviewChange, type ReviewContext, takeReviewStep } from '../../src/domain/record-review';
import type { ReviewLog } from '../../src/domain/review-log';
import { currentReturn, reviewState } from '../../src/domain/review-state';
import { todayTasks } from '../../src/domain/today-tasks';
import { samplePatrol, sampleRentalInspection } from '../support/sample-records';

const WORKER = { id: 'worker-1', role: 'fullTimeGridWorker' };
const LEADER = { id: 'leader-1', role: 'gridLeader' };
const AT = '2026-11-21T10:00:00.000+08:00';

function entry(action: ReviewLog['action'], by: string, n: number, comment?: string): ReviewLog {
  return {
    id: `0190a5d2-7a3b-7c4d-8e9f-00000000010${n}`,
    action,
    by,
    at: AT,
    ...(comment !== undefined && { comment }),
  };
}

const asLeader: ReviewContext = { kind: 'patrol', actor: LEADER, authorId: WORKER.id };
const asWorker: ReviewContext = { kind: 'patrol', actor: WORKER, authorId: WORKER.id };

function body(logs?: ReviewLog[]): PatrolBody {
  const { body } = samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001', 'g1', WORKER.id);
  return logs ? { ...body, reviewLogs: logs } : body;
}

describe('who writes and who reviews a worker’s record', () => {
  it.each(['gridLeader', 'communityAdmin', 'streetAdmin'])(
    'lets %s review a worker’s patrol log and inspection but not edit them',
    (role) => {
      const me = { id: 'sup-1' };
      for (const kind of ['patrol', 'rentalInspection'] as const) {
        expect(canWrite(role, kind, { authorId: WORKER.id }, me)).toBe(false);
        expect(canReview(role, kind, { authorId: WORKER.id }, me)).toBe(true);
        // Their own records are theirs to edit, and nobody reviews their own.
        expect(canWrite(role, kind, { authorId: me.id }, me)).toBe(true);
        expect(canReview(role, kind, { authorId: me.id }, me)).toBe(false);
        expect(canCreate(role, kind)).toBe(true);
      }
    },
  );

  it('keeps the supervisors’ workflow steps on houses, disputes and events', () => {
    for (const kind of ['rentalHouse', 'dispute', 'gridEvent'] as const) {
      expect(canWrite('gridLeader', kind, { authorId: WORKER.id, eventCategory: 'dispute' }, LEADER)).toBe(
        true,
      );
      expect(canReview('gridLeader', kind, { authorId: WORKER.id }, LEADER)).toBe(false);
    }
  });

  it.each(['fullTimeGridWorker', 'partTimeGridWorker', 'microGridLeader', 'communityPolice', 'mediator'])(
    'gives %s no review',
    (role) => {
      expect(canReview(role, 'patrol', { authorId: 'someone-else' }, WORKER)).toBe(false);
    },
  );

  it('reads the author from the envelope', () => {
    const record = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000002', 'g1', WORKER.id);
    expect(recordFacts(record).authorId).toBe(WORKER.id);
  });
});

describe('review state', () => {
  it('is pending once submitted, and follows the last step', () => {
    expect(reviewState({ ...body(), status: 'draft' })).toBeUndefined();
    expect(reviewState(body())).toBe('pending');
    expect(reviewState(body([entry('review', LEADER.id, 1)]))).toBe('reviewed');
    const returned = body([entry('return', LEADER.id, 1, '少写了走访户数')]);
    expect(reviewState(returned)).toBe('returned');
    expect(currentReturn(returned)?.comment).toBe('少写了走访户数');
    const resubmitted = body([
      entry('return', LEADER.id, 1, '少写了走访户数'),
      entry('resubmit', WORKER.id, 2),
    ]);
    expect(reviewState(resubmitted)).toBe('pending');
    expect(currentReturn(resubmitted)).toBeUndefined();
  });
});

describe('review steps', () => {
  it('lets the leader review or return a pending log, the return with a comment', () => {
    expect(takeReviewStep(body(), entry('review', LEADER.id, 1), asLeader).ok).toBe(true);
    expect(takeReviewStep(body(), entry('return', LEADER.id, 1, '补充照片'), asLeader).ok).toBe(true);
    expect(takeReviewStep(body(), entry('return', LEADER.id, 1, '  '), asLeader)).toEqual({
      ok: false,
      reason: 'commentRequired',
    });
  });

  it('refuses a worker marking their own log 已审阅', () => {
    expect(takeReviewStep(body(), entry('review', WORKER.id, 1), asWorker)).toEqual({
      ok: false,
      reason: 'ownRecord',
    });
    // Nor another worker's: workers do not review.
    const otherWorker: ReviewContext = { kind: 'patrol', actor: WORKER, authorId: 'worker-2' };
    expect(takeReviewStep(body(), entry('review', WORKER.id, 1), otherWorker)).toEqual({
      ok: false,
      reason: 'notReviewer',
    });
    const leaderOwn: ReviewContext = { kind: 'patrol', actor: LEADER, authorId: LEADER.id };
    expect(takeReviewStep(body(), entry('review', LEADER.id, 1), leaderOwn)).toEqual({
      ok: false,
      reason: 'ownRecord',
    });
  });

  it('lets only the author resubmit, and only a returned log', () => {
    const returned = body([entry('return', LEADER.id, 1, '补充照片')]);
    expect(takeReviewStep(returned, entry('resubmit', WORKER.id, 2), asWorker).ok).toBe(true);
    expect(takeReviewStep(returned, entry('resubmit', LEADER.id, 2), asLeader)).toEqual({
      ok: false,
      reason: 'notAuthor',
    });
    expect(takeReviewStep(body(), entry('resubmit', WORKER.id, 2), asWorker)).toEqual({
      ok: false,
      reason: 'notAllowed',
    });
    // Reviewed is settled: no second review, no return without a resubmit in between.
    const reviewed = body([entry('review', LEADER.id, 1)]);
    expect(takeReviewStep(reviewed, entry('return', LEADER.id, 2, '再看看'), asLeader)).toEqual({
      ok: false,
      reason: 'notAllowed',
    });
  });
});

describe('checkReviewChange', () => {
  it('accepts a leader’s review that changes nothing else', () => {
    const after = body([entry('review', LEADER.id, 1)]);
    expect(checkReviewChange(body(), after, asLeader, false)).toEqual({ ok: true });
  });

  it('refuses a leader changing the content while reviewing, naming the field', () => {
    const after = { ...body([entry('review', LEADER.id, 1)]), content: '领导改写的内容' };
    expect(checkReviewChange(body(), after, asLeader, false)).toMatchObject({
      ok: false,
      path: 'content',
      reason: 'content',
    });
  });

  it('refuses a recorded step changed or dropped', () => {
    const before = body([entry('return', LEADER.id, 1, '补充照片')]);
    const edited = body([{ ...entry('return', LEADER.id, 1, '补充照片'), comment: '没事了' }]);
    expect(checkReviewChange(before, edited, asWorker, true)).toMatchObject({
      ok: false,
      path: 'reviewLogs',
    });
    expect(checkReviewChange(before, body([]), asWorker, true)).toMatchObject({
      ok: false,
      path: 'reviewLogs',
    });
  });

  it('lets the author fix the content and resubmit in one change', () => {
    const before = body([entry('return', LEADER.id, 1, '补充照片')]);
    const after = {
      ...body([entry('return', LEADER.id, 1, '补充照片'), entry('resubmit', WORKER.id, 2)]),
      content: '补充了走访情况',
    };
    expect(checkReviewChange(before, after, asWorker, true)).toEqual({ ok: true });
  });

  it('refuses a step recorded in someone else’s name', () => {
    const after = body([entry('review', 'leader-2', 1)]);
    expect(checkReviewChange(body(), after, asLeader, false)).toMatchObject({
      ok: false,
      reason: 'notReviewer',
    });
  });

  it('refuses a new record that arrives already reviewed', () => {
    expect(checkReviewChange(undefined, body([entry('review', LEADER.id, 1)]), asWorker, true)).toMatchObject(
      {
        ok: false,
        path: 'reviewLogs',
      },
    );
  });
});

describe('a supervisor on a worker’s inspection', () => {
  const inspection = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000004', 'g1', WORKER.id).body;
  const onInspection: ReviewContext = { kind: 'rentalInspection', actor: LEADER, authorId: WORKER.id };
  const referred = withDerivedOutcome({
    ...inspection,
    hazards: inspection.hazards.map((hazard) => ({
      ...hazard,
      handling: 'referred' as const,
      referredTo: 'lawEnforcement' as const,
      status: 'referred' as const,
    })),
  });

  it('keeps the hazard workflow (交办 and the outcome it derives)', () => {
    expect(checkReviewChange(inspection, referred, onInspection, false)).toEqual({ ok: true });
  });

  it('does not rewrite what a hazard is, nor an outcome the hazards do not lead to', () => {
    const reworded = {
      ...inspection,
      hazards: inspection.hazards.map((hazard) => ({ ...hazard, description: '网格长改的描述' })),
    };
    expect(checkReviewChange(inspection, reworded, onInspection, false)).toMatchObject({
      ok: false,
      path: 'hazards',
    });
    const closed = { ...inspection, status: 'closed' as const };
    expect(checkReviewChange(inspection, closed, onInspection, false)).toMatchObject({
      ok: false,
      path: 'status',
    });
    expect(
      checkReviewChange(inspection, { ...inspection, landlordName: '李四' }, onInspection, false),
    ).toMatchObject({ ok: false, path: 'landlordName' });
  });
});

describe('今日待办 of a returned record', () => {
  const now = new Date('2026-11-22T09:00:00+08:00');
  const returned = {
    ...samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000003', 'g1', WORKER.id),
    body: body([entry('return', LEADER.id, 1, '补充照片')]),
  };

  it('asks the author to fix it, from the day it was sent back', () => {
    expect(todayTasks([returned], now, { actor: WORKER })).toEqual([
      { kind: 'reviewReturned', recordId: returned.id, dueDay: '2026-11-21', daysLeft: 0 },
    ]);
  });

  it('is not the task of the leader who sent it back, nor once resubmitted', () => {
    expect(todayTasks([returned], now, { actor: LEADER })).toEqual([]);
    const resubmitted = {
      ...returned,
      body: body([entry('return', LEADER.id, 1, '补充照片'), entry('resubmit', WORKER.id, 2)]),
    };
    expect(todayTasks([resubmitted], now, { actor: WORKER })).toEqual([]);
  });
});
