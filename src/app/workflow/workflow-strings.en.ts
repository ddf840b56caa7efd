/** English strings of the workflow step sheet screens (see workflow-strings.zh-cn.ts). */
import type { workflowStringsZhCN } from './workflow-strings.zh-cn';

export const workflowStringsEn: Partial<Record<keyof typeof workflowStringsZhCN, string>> = {
  'sheet.confirm': 'Confirm: {action}',
  'sheet.fieldRequired': 'Required',
  'sheet.saveFailed': 'Could not save: {message}',
  'sheet.invalid': 'Check this entry ({field})',
};
