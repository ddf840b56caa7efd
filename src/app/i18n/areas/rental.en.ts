import type { rentalZhCN } from './rental.zh-cn';

export const rentalEn: Partial<Record<keyof typeof rentalZhCN, string>> = {};
