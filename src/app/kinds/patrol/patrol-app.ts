import { maskNumbersInText } from '../../../domain/masking';
import { label } from '../../i18n/i18n';
import { formatShortDate } from '../../lib/format-time';
import type { AppKind } from '../app-kind';

export const patrolApp = {
  slug: 'patrol',
  colour: { token: '--c-patrol', fallback: '#1565c0' },
  createFromHome: true,
  statusGroup: 'patrolStatus',
  title: ({ body }) => {
    const types = body.patrolTypes.map((type) => label('patrolType', type)).join('、');
    return `${types} · ${formatShortDate(body.startedAt)}`;
  },
  subtitle: ({ body }) => maskNumbersInText(body.content).slice(0, 60),
  taskSubject: () => '',
} as const satisfies AppKind<'patrol'>;
