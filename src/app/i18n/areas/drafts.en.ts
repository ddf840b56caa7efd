import type { draftsZhCN } from './drafts.zh-cn';

export const draftsEn: Partial<Record<keyof typeof draftsZhCN, string>> = {};
