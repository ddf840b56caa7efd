/** English labels of the 巡查日志 (patrol) kind (see patrol-labels.zh-cn.ts). */
import type { patrolLabelsZhCN } from './patrol-labels.zh-cn';

export const patrolLabelsEn: Partial<Record<keyof typeof patrolLabelsZhCN, string>> = {
  'kind.patrol': 'Patrol log',
  'kindShort.patrol': 'Patrol',
  'kindIcon.patrol': 'P',
  'form.new.patrol': 'New patrol log',
  'form.edit.patrol': 'Edit patrol log',

  'patrol.patrolTypes': 'Work types',
  'patrol.startedAt': 'Start time',
  'patrol.endedAt': 'End time',
  'patrol.householdsVisited': 'Households visited',
  'patrol.content': 'What happened',
  'patrol.contentHint': 'Time, place, problems found, what was done',
  'patrol.status': 'Status',

  'patrolType.antiFraud': 'Anti-fraud outreach',
  'patrolType.riskScreening': 'Risk screening',
  'patrolType.livelihood': 'Welfare visit',
  'patrolType.disputeMediation': 'Dispute screening',
  'patrolType.rentalInspection': 'Rental patrol',
  'patrolType.keyPersonVisit': 'Key-person visit',
  'patrolType.keyPlacePatrol': 'Key-place patrol',
  'patrolType.enterpriseVisit': 'Business visit',
  'patrolType.infoCollection': 'Data collection',
  'patrolType.policyPublicity': 'Policy outreach',
  'patrolType.environment': 'Environment patrol',
  'patrolType.other': 'Other',
  'patrolStatus.draft': 'Draft',
  'patrolStatus.submitted': 'Submitted',
  'patrolStatus.reviewed': 'Reviewed',
  'patrolRun.start': 'Start patrol',
  'patrolRun.startHint': 'Records your route; add checks, disputes and events on the way',
};
