import type { revealZhCN } from './reveal.zh-cn';

export const revealEn: Partial<Record<keyof typeof revealZhCN, string>> = {};
