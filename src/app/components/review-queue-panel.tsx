import { reviewsRecords } from '../../domain/access-rules';
import { reviewQueue } from '../../domain/record-review';
import { REVIEWED_KINDS } from '../../domain/review-state';
import { label, t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { gridNames } from '../lib/grid-names';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb, session } from '../status/session';
import { TaskPanel } from './task-panel';

/**
 * 待审阅 at the top of a supervisor's home: the workers' patrol logs and inspections waiting for
 * their review (record-review.ts `reviewQueue`), longest waiting first, each row opening the record
 * with 审阅通过 / 退回. Live: a resubmit pulled in puts the record back at once.
 */
export function ReviewQueuePanel() {
  const db = currentDb.value;
  const user = session.value?.user;
  const reviews = user !== undefined && reviewsRecords(user.role);
  const records = useLiveQuery(
    async () =>
      db && reviews
        ? (await db.records.where('kind').anyOf(REVIEWED_KINDS).toArray()).map((row) => row.record)
        : [],
    [db, reviews],
  );
  // Which grid each row is from: a leader's scope is several workers' grids.
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const names = gridNames(grids ?? []);
  if (!records || !user || !reviews) return null;
  const queued = reviewQueue(records, { id: user.id, role: user.role, departmentId: user.departmentId });
  return (
    <TaskPanel
      id="review-queue-title"
      title={t('reviewQueue.title')}
      count={queued.length > 0 ? t('reviewQueue.count', { n: queued.length }) : undefined}
      empty={t('reviewQueue.empty')}
      rows={queued.map((record) => ({
        key: record.id,
        href: `/records/${record.id}`,
        urgency: 'later',
        stacked: true,
        subject: appKindOf(record).title(record),
        when: `${label('kindShort', record.kind)} · ${names.get(record.gridId) ?? ''}`,
      }))}
    />
  );
}
