import type { todayZhCN } from './today.zh-cn';

export const todayEn: Partial<Record<keyof typeof todayZhCN, string>> = {
  'today.title': 'To do today',
  'today.count': '{n}',
  'today.none': 'Nothing due today',
  'today.all': 'All {n}',
  'today.fewer': 'Fewer',
  'today.resolvedInGrid': 'Resolved within the grid this month: {n}',
  'today.followUpOf': 'Follow-up: {title}',
  'today.overdue': '{n} days overdue',
  'today.dueToday': 'due today',
  'today.hazardLeft': 'fix due in {n} days',
  'today.recheckLeft': 'recheck due in {n} days',
  'today.recheckToday': 'recheck today',
  'today.disputeLeft': 'mediation limit in {n} days',
  'today.disputeToday': 'mediation limit today',
  'today.disputeOverdue': 'mediation {n} days over the limit',
  'today.disputeToAccept': 'to accept · mediation limit in {n} days',
  'today.followUpLeft': 'due in {n} days',
} as const;
