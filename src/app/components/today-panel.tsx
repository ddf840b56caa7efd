import type { EventActor } from '../../domain/event-access';
import { KINDS_WITH_DEADLINES } from '../../domain/kinds/index';
import type { GridRecord } from '../../domain/record-envelope';
import { REVIEWED_KINDS } from '../../domain/review-state';
import { resolvedInGridThisMonth, type TodayTask, taskUrgency, todayTasks } from '../../domain/today-tasks';
import { t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb, session } from '../status/session';
import { TaskPanel } from './task-panel';

/** The kinds with tasks: deadlines, and the patrol logs and inspections a supervisor sends back. */
const TASK_KINDS = [...new Set([...KINDS_WITH_DEADLINES, ...REVIEWED_KINDS])];

function subjectOf(task: TodayTask, record: GridRecord | undefined): string {
  return record ? appKindOf(record).taskSubject(task, record) : '';
}

function whenOf(task: TodayTask): string {
  const n = task.daysLeft;
  if (task.kind === 'disputeOverdue') return t('today.disputeOverdue', { n: -n });
  // An event's step counts working days on the server's clock: 黄牌 is earned the day after its limit.
  if (task.kind === 'eventOverdue') return t('today.eventOverdue', { n: Math.max(-n, 1) });
  if (task.kind === 'eventDueSoon') return n === 0 ? t('today.eventToday') : t('today.eventLeft', { n });
  if (task.kind === 'reviewReturned') return t('today.reviewReturned');
  if (task.kind === 'disputeToAccept') return t('today.disputeToAccept', { n: Math.max(n, 0) });
  if (n < 0) return t('today.overdue', { n: -n });
  switch (task.kind) {
    case 'hazardDue':
    case 'hazardOverdue':
      return n === 0 ? t('today.dueToday') : t('today.hazardLeft', { n });
    case 'recheckDue':
      return n === 0 ? t('today.recheckToday') : t('today.recheckLeft', { n });
    case 'disputeDueSoon':
      return n === 0 ? t('today.disputeToday') : t('today.disputeLeft', { n });
    case 'followUpDue':
      return n === 0 ? t('today.dueToday') : t('today.followUpLeft', { n });
  }
}

/** 今日待办 at the top of the home list: what is due or overdue, each row opening its record. */
export function TodayPanel() {
  const db = currentDb.value;
  const records = useLiveQuery(
    async () => (db ? (await db.records.where('kind').anyOf(TASK_KINDS).toArray()).map((r) => r.record) : []),
    [db],
  );
  const user = session.value?.user;
  const actor = user && { id: user.id, role: user.role, departmentId: user.departmentId };
  return records ? <TodayCard records={records} now={new Date()} actor={actor} /> : null;
}

/** The card itself, for the records given and the clock given. */
export function TodayCard({
  records,
  now,
  actor,
}: {
  records: readonly GridRecord[];
  now: Date;
  actor?: EventActor | undefined;
}) {
  const tasks = todayTasks(records, now, actor ? { actor } : {});
  const byId = new Map(records.map((record) => [record.id, record]));
  return (
    <TaskPanel
      id="today-title"
      title={t('today.title')}
      count={tasks.length > 0 ? t('today.count', { n: tasks.length }) : undefined}
      empty={t('today.none')}
      rows={tasks.map((task) => ({
        key: `${task.recordId}/${task.hazardId ?? ''}/${task.kind}`,
        href: `/records/${task.recordId}`,
        urgency: taskUrgency(task),
        subject: subjectOf(task, byId.get(task.recordId)),
        when: whenOf(task),
      }))}
      foot={
        <p class="today-panel__resolved">
          {t('today.resolvedInGrid', { n: resolvedInGridThisMonth(records, now) })}
        </p>
      }
    />
  );
}
