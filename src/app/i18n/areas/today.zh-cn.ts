/** Chinese strings of one area of the app, kept apart so parallel work on areas never collides. */
export const todayZhCN = {
  'today.title': '今日待办',
  'today.count': '{n} 项',
  'today.none': '今日无待办',
  'today.all': '全部 {n} 项',
  'today.fewer': '收起',
  'today.resolvedInGrid': '本月小事不出网格：{n} 件',
  'today.followUpOf': '回访：{title}',
  'today.overdue': '逾期{n}天',
  'today.dueToday': '今天到期',
  'today.hazardLeft': '整改期限还剩{n}天',
  'today.recheckLeft': '复查期限还剩{n}天',
  'today.recheckToday': '今天需复查',
  'today.disputeLeft': '调解期限还剩{n}天',
  'today.disputeToday': '调解期限今天到期',
  'today.disputeOverdue': '调解超期{n}天',
  'today.followUpLeft': '还剩{n}天',
} as const;
