/** Chinese strings of one area of the app, kept apart so parallel work on areas never collides. */
export const refusalsZhCN = {
  // Texts with characters no field may hold (domain/text.ts), and a phone's wrong clock.
  'err.unsafeText': '含有不可见的控制字符（如制表符）或文字方向控制符，请删除后重新输入',
  'err.unsafeMultilineText': '除换行外，含有不可见的控制字符（如制表符）或文字方向控制符，请删除后重新输入',
  'err.deviceClock': '手机时间不正确：请在手机“设置 › 日期和时间”中打开“自动设置”，然后重新保存',
  'rejectReason.deviceClock':
    '手机时间不正确（早于 2020 年，或比服务器快了一天以上）。请在手机“设置 › 日期和时间”中打开“自动设置”，再打开这条记录重新保存',
  'rejectReason.tooLarge': '记录太大，无法上传（例如巡查轨迹过长），请删减内容后重新保存',
  'rejectReason.fields': '需要修改：',
  'photo.refused': '被服务器拒绝的照片',
  'photo.refusedHint': '这些照片不会再上传：文件已损坏或太大。请在记录里删除后重新拍摄',
} as const;
