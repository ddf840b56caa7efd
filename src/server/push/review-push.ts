/**
 * The review rules of a push of a patrol log or rental inspection (record-review.ts), beside the
 * generic ones of decide-mutation.ts: a supervisor who may not edit a worker's record may still
 * push it with a new 审阅 / 退回 entry and nothing else changed; every new entry, by anyone, is
 * re-taken against the review log the server holds (a worker may not mark their own log 已审阅).
 */
import { type Actor, canReview, canWrite, recordFacts } from '../../domain/access-rules';
import type { GridRecord } from '../../domain/record-envelope';
import { checkReviewChange, type ReviewChangeCheck } from '../../domain/record-review';
import { isReviewedKind, type ReviewedBody } from '../../domain/review-state';

/** Whether a role that may not write `existing` may push `record` as a review of it. */
export function mayPushReview(
  role: string,
  actor: Actor,
  record: GridRecord,
  existing: GridRecord | undefined,
): boolean {
  return (
    existing !== undefined &&
    !existing.deleted &&
    isReviewedKind(existing.kind) &&
    record.gridId === existing.gridId &&
    canReview(role, existing.kind, recordFacts(existing), actor)
  );
}

/** The review check of a pushed (or merged) record of a reviewed kind; ok for every other kind. */
export function checkPushedReview(
  existing: GridRecord | undefined,
  record: GridRecord,
  role: string,
  actor: Actor,
): ReviewChangeCheck {
  if (!isReviewedKind(record.kind)) return { ok: true };
  const live = existing && !existing.deleted && existing.kind === record.kind ? existing : undefined;
  const authorId = live?.createdBy ?? actor.id;
  const mayEditContent =
    canWrite(role, record.kind, recordFacts(record), actor) &&
    (live === undefined || canWrite(role, live.kind, recordFacts(live), actor));
  // Same kind (checked above), so the bodies are of one shape: a patrol's or an inspection's.
  return checkReviewChange(
    live?.body as ReviewedBody | undefined,
    record.body as ReviewedBody,
    { kind: record.kind, actor: { ...actor, role }, authorId },
    mayEditContent,
  );
}
