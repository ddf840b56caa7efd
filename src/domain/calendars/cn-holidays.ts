/**
 * China's 法定节假日 and the weekend 调休 make-up working days, as the State Council published them
 * for each year (国务院办公厅关于 YYYY 年部分节假日安排的通知). Source: those notices, cross-checked
 * day by day against the data of the `chinese-days` npm package (1.5.7, MIT). The 2027 schedule is
 * not in that data yet: an admin loads it when it is published (work-calendar.ts).
 *
 * Each period is given as written in the notice: the days off, first to last; `workdays` are the
 * weekend days that are working days instead.
 */
import type { CalendarYear } from '../work-calendar';

export const CN_HOLIDAYS: readonly CalendarYear[] = [
  {
    year: 2025,
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
