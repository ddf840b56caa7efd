import type { disputeZhCN } from './dispute.zh-cn';

export const disputeEn: Partial<Record<keyof typeof disputeZhCN, string>> = {};
