import type { reviewScreensZhCN } from './review-screens.zh-cn';

/** English strings of the review section on a record's detail screen. */
export const reviewScreensEn = {
  'review.title': 'Review',
  'review.returnedBy': 'Sent back by {who} at {at}',
  'review.reviewedBy': 'Reviewed by {who} at {at}',
  'review.pendingHint': 'Submitted, waiting for the grid leader’s review',
  'review.approve': 'Mark reviewed',
  'review.return': 'Send back',
  'review.comment': 'Why it is sent back (required)',
  'review.commentHint': 'Say what to add or correct',
  'review.commentRequired': 'Say why it is sent back',
  'review.confirmReturn': 'Send back',
  'review.fix': 'Fix it',
  'review.resubmit': 'Resubmit',
  'review.resubmitHint': 'Fix it as asked, then tap Resubmit for the grid leader to review again',
  'review.history': 'Review history',
  'review.action.review': 'Reviewed',
  'review.action.return': 'Sent back',
  'review.action.resubmit': 'Resubmitted',
  'review.noEditHint': 'A grid worker’s record: review it or send it back rather than edit it',
  'review.refused.notReviewer': 'Your role may not review this record',
  'review.refused.ownRecord': 'Nobody reviews their own record',
  'review.refused.notAuthor': 'Only the author resubmits a record',
  'review.refused.notAllowed': 'The record is no longer in this state',
  'review.refused.commentRequired': 'Say why it is sent back',
} as const satisfies Record<keyof typeof reviewScreensZhCN, string>;
