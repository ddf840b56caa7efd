import type { listZhCN } from './list.zh-cn';

export const listEn: Partial<Record<keyof typeof listZhCN, string>> = {};
