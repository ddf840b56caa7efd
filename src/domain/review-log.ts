/**
 * The review log (审阅记录) of a worker's patrol log or rental inspection: each 审阅, 退回 and
 * 重新提交 is an entry with its own id, appended, never changed — a child list, so a worker's fix
 * and a leader's review merge by union (merge.ts). The rules over it are record-review.ts.
 */
import * as z from 'zod/mini';
import { dateTimeSchema, optionalMultilineText, optionalText, plainString } from './text';

/** 审阅 (reviewed), 退回 (returned with a comment), 重新提交 (resubmitted by the author). */
export const REVIEW_ACTIONS = ['review', 'return', 'resubmit'] as const;

/** A review log holds at most this many entries: years of sending back and forth. */
export const MAX_REVIEW_LOGS = 200;

export const reviewLogSchema = z.strictObject({
  id: z.uuid(),
  action: z.enum(REVIEW_ACTIONS),
  by: plainString(100),
  byName: optionalText(50),
  at: dateTimeSchema,
  comment: optionalMultilineText(500),
});
export type ReviewLog = z.infer<typeof reviewLogSchema>;

export const reviewLogsSchema = z.optional(z.array(reviewLogSchema).check(z.maxLength(MAX_REVIEW_LOGS)));
