/**
 * The review state of a patrol log or rental inspection, read from its review log (review-log.ts;
 * the steps and who may take them: record-review.ts). Free of zod and of the access rules: the
 * home screen's first chunk reads it (今日待办, the 待审阅 card) and the kinds' definitions too.
 */
import { localDayOf } from './due-dates';
import type { RecordKind } from './record-kinds';
import type { ReviewLog } from './review-log';
import type { TodayTask } from './today-tasks';

export type ReviewState = 'pending' | 'reviewed' | 'returned';

/** The kinds a supervisor reviews. */
export const REVIEWED_KINDS = ['patrol', 'rentalInspection'] as const satisfies readonly RecordKind[];
export type ReviewedKind = (typeof REVIEWED_KINDS)[number];

export function isReviewedKind(kind: RecordKind): kind is ReviewedKind {
  return (REVIEWED_KINDS as readonly RecordKind[]).includes(kind);
}

/** What of a body the review reads. */
export interface ReviewedBody {
  status: string;
  reviewLogs?: readonly ReviewLog[] | undefined;
}

/** The review state of a body; undefined for a draft (nothing submitted to review yet). */
export function reviewState(body: ReviewedBody): ReviewState | undefined {
  if (body.status === 'draft') return undefined;
  const last = body.reviewLogs?.at(-1);
  if (!last || last.action === 'resubmit') return 'pending';
  return last.action === 'review' ? 'reviewed' : 'returned';
}

/** The 退回 entry the record is returned by, while it is returned: who, when and the comment. */
export function currentReturn(body: ReviewedBody): ReviewLog | undefined {
  return reviewState(body) === 'returned' ? body.reviewLogs?.at(-1) : undefined;
}

/** 今日待办 of a returned record: fix it and resubmit (whose it is, today-tasks.ts decides). */
export function reviewTasks(body: ReviewedBody, recordId: string): TodayTask[] {
  const returned = currentReturn(body);
  return returned
    ? [{ kind: 'reviewReturned', recordId, dueDay: localDayOf(new Date(returned.at)), daysLeft: 0 }]
    : [];
}
