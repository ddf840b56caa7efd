/**
 * What the conflict screen says of an event someone else moved on first (two 受理 at once, a 结案
 * after a 回退): the server's state machine decided, so the workflow is the server's. The screen
 * shows the steps taken there, the user's own steps that did not take effect (their words kept on
 * screen, nothing dropped unseen), and the steps they may take now, on the detail screen.
 */
import { eventActionsFor } from '../../../domain/event-access';
import { EVENT_STEP_FIELDS } from '../../../domain/event-change';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import { session } from '../../status/session';

/** The event's workflow fields: a resolved conflict keeps the server's. */
export const EVENT_SERVER_DECIDES: readonly string[] = [
  'body.flowLogs',
  'body.clock',
  ...EVENT_STEP_FIELDS.map((field) => `body.${field}`),
];

type FlowLog = GridEventRecord['body']['flowLogs'][number];

function StepLine({ log }: { log: FlowLog }) {
  return (
    <li>
      <strong>
        {label('eventAction', log.action)}
        {log.fromStatus !== log.toStatus &&
          ` · ${label('gridEventStatus', log.fromStatus)} → ${label('gridEventStatus', log.toStatus)}`}
      </strong>
      <span class="case-file__meta">
        {' '}
        {formatDateTime(log.at)} · {log.byName ?? log.by}
      </span>
      {log.opinion && <p class="detail__text">{log.opinion}</p>}
    </li>
  );
}

export function EventConflictNote({ mine, theirs }: { mine: GridEventRecord; theirs: GridEventRecord }) {
  const mineIds = new Set(mine.body.flowLogs.map((log) => log.id));
  const theirIds = new Set(theirs.body.flowLogs.map((log) => log.id));
  const taken = theirs.body.flowLogs.filter((log) => !mineIds.has(log.id));
  const lost = mine.body.flowLogs.filter((log) => !theirIds.has(log.id));
  const user = session.value?.user;
  const now = user
    ? eventActionsFor({ id: user.id, role: user.role, departmentId: user.departmentId }, theirs.body)
    : [];
  return (
    <section class="conflict__event" aria-label={t('eventConflict.title')}>
      <p>{t('eventConflict.intro', { status: label('gridEventStatus', theirs.body.status) })}</p>
      {taken.length > 0 && (
        <>
          <h2 class="field__label">{t('eventConflict.taken')}</h2>
          <ol class="case-file__list">
            {taken.map((log) => (
              <StepLine key={log.id} log={log} />
            ))}
          </ol>
        </>
      )}
      {lost.length > 0 && (
        <>
          <h2 class="field__label">{t('eventConflict.lost')}</h2>
          <ol class="case-file__list">
            {lost.map((log) => (
              <StepLine key={log.id} log={log} />
            ))}
          </ol>
        </>
      )}
      <p>
        {now.length > 0
          ? t('eventConflict.now', { steps: now.map((action) => label('eventAction', action)).join('、') })
          : t('eventConflict.nothingNow')}
      </p>
    </section>
  );
}
