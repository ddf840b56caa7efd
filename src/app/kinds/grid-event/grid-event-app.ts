import { eventClock } from '../../../domain/event-status';
import { maskNumbersInText } from '../../../domain/masking';
import { label, t } from '../../i18n/i18n';
import type { AppKind } from '../app-kind';

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
      label('eventCategory', body.categoryL1),
      label('gridEventStatus', body.status),
      clockText(body, new Date()),
    ]
      .filter((part) => part !== '')
      .join(' · '),
  taskSubject: (_task, { body }) => maskNumbersInText(body.title),
} as const satisfies AppKind<'gridEvent'>;
