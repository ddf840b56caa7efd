import type { policeZhCN } from './police.zh-cn';

/** English strings of the police's notices card on home (police-notices.ts). */
export const policeEn = {
  'police.title': 'For the police',
  'police.count': '{n}',
  'police.empty': 'No dispute or event needs the police now',
  'police.disputeRisk': 'Dispute · may lead to a criminal case',
  'police.disputeReferred': 'Dispute · handed to the police station, awaiting feedback',
  'police.eventAtStation': 'Event · dispatched to the police station',
} as const satisfies Record<keyof typeof policeZhCN, string>;
