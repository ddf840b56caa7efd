import { eventClock } from '../../../domain/event-status';
import { maskNumbersInText } from '../../../domain/masking';
import { label, t } from '../../i18n/i18n';
import type { AppKind } from '../app-kind';
import { subcategoryLabel } from './event-category-labels';

/** 剩余 N 个工作日, 黄牌 or 红牌, from the clock the server synced (event-status.ts); '' when none runs. */
export function clockText(body: Parameters<typeof eventClock>[0], now: Date): string {
  const clock = eventClock(body, now);
  if (!clock) return '';
  if (clock.card === 'red') return t('eventClock.red');
  if (clock.card === 'yellow') return t('eventClock.yellow');
  return clock.workingDaysLeft === 0
    ? t('eventClock.today')
    : t('eventClock.left', { n: clock.workingDaysLeft });
}

export const gridEventApp = {
  slug: 'event',
  colour: { token: '--c-event', fallback: '#00796b' },
  createFromHome: true,
  statusGroup: 'gridEventStatus',
  title: ({ body }) => maskNumbersInText(body.title),
  subtitle: ({ body }) =>
    [
      // The 小类 says what it is (消防通道堵塞); the 大类 alone (安全隐患) says little in a list.
      subcategoryLabel(body.categoryL1, body.categoryL2, body.categoryL2Label),
      label('gridEventStatus', body.status),
      clockText(body, new Date()),
    ]
      .filter((part) => part !== '')
      .join(' · '),
  taskSubject: (_task, { body }) => maskNumbersInText(body.title),
} as const satisfies AppKind<'gridEvent'>;
