import { DEPARTMENT_ROLES } from '../../domain/departments';
import { DISPATCHERS } from '../../domain/event-access';
import { EVENT_QUEUES, eventQueue, queueCounts } from '../../domain/event-queues';
import type { GridEventRecord } from '../../domain/record-envelope';
import { t } from '../i18n/i18n';
import { clockText, gridEventApp } from '../kinds/grid-event/grid-event-app';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb, session } from '../status/session';
import { TaskPanel } from './task-panel';

/** Roles whose work is events: they see the card even when nothing waits (all clear is news too). */
function handlesEvents(role: string): boolean {
  return DEPARTMENT_ROLES.includes(role) || Object.values(DISPATCHERS).some((roles) => roles.includes(role));
}

/**
 * 我的事件 at the top of home: the events waiting for this user's step (event-queues.ts) — 待受理,
 * 待派遣, 待处置, 待核查 with their counts — overdue first, each row opening its event. Live: a sync
 * that brings or settles an event changes the counts at once.
 */
export function EventQueuePanel() {
  const db = currentDb.value;
  const user = session.value?.user;
  const records = useLiveQuery(
    async () =>
      db
        ? (await db.records.where('kind').equals('gridEvent').toArray()).map(
            (row) => row.record as GridEventRecord,
          )
        : [],
    [db],
  );
  if (!records || !user) return null;
  const now = new Date();
  const queued = eventQueue(records, { id: user.id, role: user.role, departmentId: user.departmentId }, now);
  if (queued.length === 0 && !handlesEvents(user.role)) return null;
  const counts = queueCounts(queued);
  const overdue = queued.filter((item) => item.overdue).length;
  const byId = new Map(records.map((record) => [record.id, record]));
  return (
    <TaskPanel
      id="queue-title"
      title={t('queue.title')}
      count={overdue > 0 ? t('queue.overdue', { n: overdue }) : undefined}
      empty={t('queue.empty')}
      head={
        <ul class="queue-counts" aria-label={t('queue.title')}>
          {EVENT_QUEUES.filter((queue) => counts[queue] > 0).map((queue) => (
            <li key={queue} class="queue-count">
              {t(`queue.${queue}`)} <span class="queue-count__badge">{counts[queue]}</span>
            </li>
          ))}
        </ul>
      }
      rows={queued.map((item) => {
        const record = byId.get(item.recordId);
        const clock = record ? clockText(record.body, now) : '';
        return {
          key: item.recordId,
          href: `/records/${item.recordId}`,
          urgency: item.overdue ? 'overdue' : 'later',
          subject: record ? gridEventApp.title(record) : '',
          when: clock ? `${t(`queue.${item.queue}`)} · ${clock}` : t(`queue.${item.queue}`),
        };
      })}
    />
  );
}
