/** Chinese strings of the review (审阅 / 退回) that home shows: the 待审阅 card and the 今日待办 row. */
export const reviewZhCN = {
  'reviewQueue.title': '待审阅',
  'reviewQueue.count': '{n} 条',
  'reviewQueue.empty': '没有待审阅的记录',
  'today.reviewReturned': '被退回，请修改后重新提交',
  'reviewState.pending': '待审阅',
  'reviewState.reviewed': '已审阅',
  'reviewState.returned': '已退回',
} as const;
