import type { patrolZhCN } from './patrol.zh-cn';

export const patrolEn: Partial<Record<keyof typeof patrolZhCN, string>> = {};
