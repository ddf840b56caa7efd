import type { reviewZhCN } from './review.zh-cn';

/** English strings of the review that home shows. */
export const reviewEn = {
  'reviewQueue.title': 'To review',
  'reviewQueue.count': '{n}',
  'reviewQueue.empty': 'Nothing waits for your review',
  'today.reviewReturned': 'Sent back: fix it and resubmit',
  'reviewState.pending': 'To review',
  'reviewState.reviewed': 'Reviewed',
  'reviewState.returned': 'Sent back',
} as const satisfies Record<keyof typeof reviewZhCN, string>;
