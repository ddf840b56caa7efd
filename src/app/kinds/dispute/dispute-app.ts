import { maskName, maskNumbersInText } from '../../../domain/masking';
import { label, t } from '../../i18n/i18n';
import type { AppKind } from '../app-kind';

export const disputeApp = {
  slug: 'dispute',
  colour: { token: '--c-dispute', fallback: '#7b3fb5' },
  createFromHome: true,
  statusGroup: 'disputeStatus',
  title: ({ body }) => maskNumbersInText(body.title),
  subtitle: ({ body }) => {
    const [a, b] = body.parties;
    const parties = a && b ? t('row.parties', { a: maskName(a.name), b: maskName(b.name) }) : '';
    return `${label('disputeStatus', body.status)} · ${parties}`;
  },
  taskSubject: (task, { body }) =>
    task.kind === 'followUpDue'
      ? t('today.followUpOf', { title: maskNumbersInText(body.title) })
      : maskNumbersInText(body.title),
} as const satisfies AppKind<'dispute'>;
