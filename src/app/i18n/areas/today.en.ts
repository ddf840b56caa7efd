import type { todayZhCN } from './today.zh-cn';

export const todayEn: Partial<Record<keyof typeof todayZhCN, string>> = {};
