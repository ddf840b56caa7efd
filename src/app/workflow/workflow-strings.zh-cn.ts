/** Chinese strings of the workflow step sheet screens (form, detail, steps): loaded with those screens (i18n/screen-strings.ts). */
export const workflowStringsZhCN = {
  // Action sheet fields
  'sheet.confirm': '确认{action}',
  'sheet.fieldRequired': '请填写此项',
  'sheet.saveFailed': '保存失败：{message}',
  'sheet.invalid': '填写有误（{field}），请检查',
} as const;
