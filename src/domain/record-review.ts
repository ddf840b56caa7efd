/**
 * Review instead of editing (issue 13 §3): a supervisor reviews a worker's patrol log or rental
 * inspection, or sends it back with a comment; the worker fixes it and resubmits. The state is
 * read from the review log (review-log.ts), an append-only child list:
 *
 *                 审阅 (review) ──▶ reviewed
 *   pending ──┤
 *     ▲       └── 退回 (return, comment required) ──▶ returned
 *     └─────────── 重新提交 (resubmit, by the author) ──┘
 *
 * Who may take each step is access-rules.ts (`canReview`; the author resubmits). The server runs
 * `checkReviewChange` on every push of a reviewed kind, against what it holds, after any merge:
 *
 *   the log's recorded entries kept, unchanged? ──no──▶ reviewLogs
 *   each new entry, in order: by the pusher, a step they may take now? ──no──▶ its refusal
 *   the pusher may not edit the record (a supervisor on a worker's record)?
 *     any other field changed (but an inspection's hazard workflow)? ──yes──▶ content (the field)
 *
 */
import { type Actor, canReview, recordFacts } from './access-rules';
import { inspectionOutcome } from './inspection-outcome';
import { deepEqual as same } from './merge';
import type { GridRecord } from './record-envelope';
import type { Hazard, RentalInspectionBody } from './rental-inspection';
import type { ReviewLog } from './review-log';
import {
  isReviewedKind,
  type ReviewedBody,
  type ReviewedKind,
  type ReviewState,
  reviewState,
} from './review-state';

export type ReviewAction = ReviewLog['action'];

export type ReviewRefusal = 'notReviewer' | 'ownRecord' | 'notAuthor' | 'notAllowed' | 'commentRequired';

/** Who takes a step on which record: the actor with their role, and the record's author. */
export interface ReviewContext {
  kind: ReviewedKind;
  actor: Actor & { role: string };
  authorId: string;
}

/** Why `action` may not be taken now on a body in `state`, or undefined when it may. */
export function reviewRefusal(
  action: ReviewAction,
  state: ReviewState | undefined,
  { kind, actor, authorId }: ReviewContext,
  comment?: string,
): ReviewRefusal | undefined {
  if (action === 'resubmit') {
    if (actor.id !== authorId) return 'notAuthor';
    return state === 'returned' ? undefined : 'notAllowed';
  }
  if (!canReview(actor.role, kind, { authorId }, actor))
    return authorId === actor.id ? 'ownRecord' : 'notReviewer';
  if (state !== 'pending') return 'notAllowed';
  if (action === 'return' && (comment ?? '').trim() === '') return 'commentRequired';
  return undefined;
}

export type ReviewStepResult<B> = { ok: true; body: B } | { ok: false; reason: ReviewRefusal };

/** The body with `entry` appended, if its author may take that step now. */
export function takeReviewStep<B extends ReviewedBody>(
  body: B,
  entry: ReviewLog,
  context: ReviewContext,
): ReviewStepResult<B> {
  if (entry.by !== context.actor.id) return { ok: false, reason: 'notReviewer' };
  const refusal = reviewRefusal(entry.action, reviewState(body), context, entry.comment);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, body: { ...body, reviewLogs: [...(body.reviewLogs ?? []), entry] } };
}

/** The outcome fields of an inspection, derived from its hazards (inspection-outcome.ts). */
const OUTCOME_FIELDS = ['overallResult', 'status', 'rectificationDeadline'] as const;

/**
 * What a supervisor may not change on a worker's record: everything but the review log and, on an
 * inspection, its hazard workflow — 整改, 复查, 交办, 销号, steps any writer of the inspection took
 * before review existed — and the outcome that workflow derives (checked by `outcomeChange`).
 * What each hazard is (its item, description, level) stays the worker's.
 */
function contentOf(kind: ReviewedKind, body: ReviewedBody): Record<string, unknown> {
  const { reviewLogs: _, ...rest } = body as ReviewedBody & Record<string, unknown>;
  if (kind !== 'rentalInspection') return rest;
  const {
    hazards,
    overallResult: _o,
    status: _s,
    rectificationDeadline: _d,
    ...content
  } = rest as unknown as Record<string, unknown> & { hazards: readonly Hazard[] };
  return {
    ...content,
    hazards: hazards.map(({ id, itemCode, description, hazardLevel }) => ({
      id,
      itemCode,
      description,
      hazardLevel,
    })),
  };
}

/** The first outcome field a supervisor's change set to other than what the hazards derive, if any. */
function outcomeChange(kind: ReviewedKind, before: ReviewedBody, after: ReviewedBody): string | undefined {
  if (kind !== 'rentalInspection') return undefined;
  const [was, now] = [before, after] as unknown as [RentalInspectionBody, RentalInspectionBody];
  const derived = inspectionOutcome(now.hazards);
  return OUTCOME_FIELDS.find((field) => !same(was[field], now[field]) && !same(now[field], derived[field]));
}

export type ReviewChangeRefusal = ReviewRefusal | 'reviewLogs' | 'content';
export type ReviewChangeCheck =
  | { ok: true }
  | { ok: false; path: string; reason: ReviewChangeRefusal; message: string };

/** The API's English for each refusal. */
export const REVIEW_CHANGE_MESSAGES: Readonly<Record<ReviewChangeRefusal, string>> = {
  notReviewer: 'Your role may not review this record',
  ownRecord: 'Nobody reviews their own record',
  notAuthor: 'Only the author resubmits a record',
  notAllowed: 'This review step is not possible in the state the record is in now',
  commentRequired: 'Say why the record is sent back',
  reviewLogs: 'The review log does not match the steps taken',
  content: 'A supervisor reviews a worker’s record and does not change it',
};

function refuse(path: string, reason: ReviewChangeRefusal, detail?: string): ReviewChangeCheck {
  const message = detail ? `${REVIEW_CHANGE_MESSAGES[reason]} (${detail})` : REVIEW_CHANGE_MESSAGES[reason];
  return { ok: false, path, reason, message };
}

/**
 * Whether the change from `before` (undefined: a new record) to `after` is one `context.actor` may
 * make: each new review entry a step they may take, and — when they may not edit the record
 * (`mayEditContent` false: a supervisor on a worker's record) — nothing else changed.
 */
export function checkReviewChange<B extends ReviewedBody>(
  before: B | undefined,
  after: B,
  context: ReviewContext,
  mayEditContent: boolean,
): ReviewChangeCheck {
  // The recorded entries first, unchanged and in order (a merge keeps the server's list first),
  // so the state read from the stored log is the one the replay below reached.
  const kept = before?.reviewLogs ?? [];
  const logs = after.reviewLogs ?? [];
  if (!kept.every((log, i) => same(logs[i], log)))
    return refuse('reviewLogs', 'reviewLogs', 'a recorded step was changed');
  const added = logs.slice(kept.length);
  if (before === undefined && added.length > 0)
    return refuse('reviewLogs', 'reviewLogs', 'a new record has no review yet');

  if (!mayEditContent && before !== undefined) {
    const beforeContent = contentOf(context.kind, before);
    const afterContent = contentOf(context.kind, after);
    const keys = new Set([...Object.keys(beforeContent), ...Object.keys(afterContent)]);
    for (const key of keys) {
      if (!same(beforeContent[key], afterContent[key])) return refuse(key, 'content');
    }
    const outcome = outcomeChange(context.kind, before, after);
    if (outcome) return refuse(outcome, 'content', 'not what the hazards lead to');
  }

  // Replayed on the content as pushed: a resubmit goes with the author's fix.
  let replayed: B = { ...after, reviewLogs: kept };
  for (const log of added) {
    const taken = takeReviewStep(replayed, log, context);
    if (!taken.ok) return refuse('reviewLogs', taken.reason, log.action);
    replayed = taken.body;
  }
  return { ok: true };
}

/** The records waiting for `actor`'s review (待审阅): submitted or resubmitted, longest waiting first. */
export function reviewQueue(records: readonly GridRecord[], actor: Actor & { role: string }): GridRecord[] {
  return records
    .filter(
      (record) =>
        !record.deleted &&
        isReviewedKind(record.kind) &&
        reviewState(record.body as ReviewedBody) === 'pending' &&
        canReview(actor.role, record.kind, recordFacts(record), actor),
    )
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}
