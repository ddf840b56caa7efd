import { maskNumbersInText } from '../../../domain/masking';
import type { PatrolRecord } from '../../../domain/record-envelope';
import { label } from '../../i18n/i18n';
import { formatShortDate } from '../../lib/format-time';
import type { AppKind } from '../app-kind';

function title({ body }: PatrolRecord): string {
  const types = body.patrolTypes.map((type) => label('patrolType', type)).join('、');
  return `${types} · ${formatShortDate(body.startedAt)}`;
}

export const patrolApp = {
  slug: 'patrol',
  colour: { token: '--c-patrol', fallback: '#1565c0' },
  createFromHome: true,
  statusGroup: 'patrolStatus',
  title,
  subtitle: ({ body }) => maskNumbersInText(body.content).slice(0, 60),
  // Its only task: a log sent back to fix (今日待办).
  taskSubject: (_task, record) => title(record),
} as const satisfies AppKind<'patrol'>;
