import { useState } from 'preact/hooks';
import { reviewsRecords } from '../../domain/access-rules';
import { reviewQueue } from '../../domain/record-review';
import { REVIEWED_KINDS } from '../../domain/review-state';
import { label, t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { gridNames } from '../lib/grid-names';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb, session } from '../status/session';
import './today-panel.css';

const FIRST_ROWS = 3;

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
  const [expanded, setExpanded] = useState(false);
  if (!records || !user || !reviews) return null;
  const queued = reviewQueue(records, { id: user.id, role: user.role, departmentId: user.departmentId });
  const shown = expanded ? queued : queued.slice(0, FIRST_ROWS);

  return (
    <section class="today-panel" aria-labelledby="review-queue-title">
      <h2 class="today-panel__title" id="review-queue-title">
        {t('reviewQueue.title')}
        {queued.length > 0 && (
          <>
            {' '}
            <span class="today-panel__count">{t('reviewQueue.count', { n: queued.length })}</span>
          </>
        )}
      </h2>
      {queued.length === 0 ? (
        <p class="today-panel__calm">{t('reviewQueue.empty')}</p>
      ) : (
        <ul class="today-panel__list">
          {shown.map((record) => (
            <li key={record.id}>
              <a class="today-task today-task--stacked today-task--later" href={`/records/${record.id}`}>
                <span class="today-task__subject">{appKindOf(record).title(record)}</span>
                <span class="visually-hidden"> · </span>
                <span class="today-task__when">
                  {label('kindShort', record.kind)} · {names.get(record.gridId) ?? ''}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {queued.length > FIRST_ROWS && (
        <button
          type="button"
          class="today-panel__more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('today.fewer') : t('today.all', { n: queued.length })}
        </button>
      )}
    </section>
  );
}
