/** Chinese strings of the police's 警务关注 card on home (police-notices.ts). */
export const policeZhCN = {
  'police.title': '警务关注',
  'police.count': '{n} 件',
  'police.empty': '暂无需要民警关注的纠纷和事件',
  'police.disputeRisk': '纠纷 · 可能引发治安/刑事案件',
  'police.disputeReferred': '纠纷 · 已移交派出所，待反馈',
  'police.eventAtStation': '事件 · 已交办派出所',
} as const;
