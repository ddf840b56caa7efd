// A bundling hint, not a use: the domain modules this panel reads (dispute status, deadlines, the
// calendar) travel in the chunk of the sync protocol's schemas, which home loads anyway. Reaching
// that chunk keeps the bundler from splitting it in two for this panel (+0.8 KB gzipped on every
// phone's home, the installable test's idle budget).
import '../../domain/protocol';
import { useState } from 'preact/hooks';
import type { Department } from '../../domain/departments';
import { policeNotices } from '../../domain/police-notices';
import { t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { gridNames } from '../lib/grid-names';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';
import './today-panel.css';

const FIRST_ROWS = 3;

/**
 * 警务关注 at the top of a police officer's home (police-notices.ts): the disputes that may turn
 * criminal, those handed to the 派出所, and the events dispatched to it, longest waiting first.
 * Each row opens the record. Only police phones load it (home-screen.tsx, the home bundle budget).
 */
export function PoliceNoticePanel() {
  const db = currentDb.value;
  const records = useLiveQuery(
    async () =>
      db
        ? (await db.records.where('kind').anyOf(['dispute', 'gridEvent']).toArray()).map((row) => row.record)
        : [],
    [db],
  );
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const [expanded, setExpanded] = useState(false);
  if (!records || !grids) return null;
  // The 职能部门 of every street the officer's grids are in, once each.
  const departments = [
    ...new Map(grids.flatMap((grid) => grid.departments ?? []).map((d) => [d.id, d] as const)).values(),
  ] satisfies Department[];
  const notices = policeNotices(records, departments, new Date());
  const byId = new Map(records.map((record) => [record.id, record]));
  const names = gridNames(grids);
  const shown = expanded ? notices : notices.slice(0, FIRST_ROWS);

  return (
    <section class="today-panel" aria-labelledby="police-notices-title">
      <h2 class="today-panel__title" id="police-notices-title">
        {t('police.title')}
        {notices.length > 0 && (
          <>
            {' '}
            <span class="today-panel__count">{t('police.count', { n: notices.length })}</span>
          </>
        )}
      </h2>
      {notices.length === 0 ? (
        <p class="today-panel__calm">{t('police.empty')}</p>
      ) : (
        <ul class="today-panel__list">
          {shown.map((notice) => {
            const record = byId.get(notice.recordId);
            if (!record) return null;
            return (
              <li key={notice.recordId}>
                <a
                  class={`today-task today-task--stacked today-task--${notice.kind === 'disputeRisk' ? 'near' : 'later'}`}
                  href={`/records/${record.id}`}
                >
                  <span class="today-task__subject">{appKindOf(record).title(record)}</span>
                  <span class="visually-hidden"> · </span>
                  <span class="today-task__when">
                    {t(`police.${notice.kind}`)} · {names.get(record.gridId) ?? ''}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {notices.length > FIRST_ROWS && (
        <button
          type="button"
          class="today-panel__more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('today.fewer') : t('today.all', { n: notices.length })}
        </button>
      )}
    </section>
  );
}
