// A bundling hint, not a use: the domain modules this panel reads (dispute status, deadlines, the
// calendar) travel in the chunk of the sync protocol's schemas, which home loads anyway. Reaching
// that chunk keeps the bundler from splitting it in two for this panel (+0.8 KB gzipped on every
// phone's home, the installable test's idle budget).
import '../../domain/protocol';
import type { Department } from '../../domain/departments';
import { policeNotices } from '../../domain/police-notices';
import { t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { gridNames } from '../lib/grid-names';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';
import { TaskPanel } from './task-panel';

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
  if (!records || !grids) return null;
  // The 职能部门 of every street the officer's grids are in, once each.
  const departments = [
    ...new Map(grids.flatMap((grid) => grid.departments ?? []).map((d) => [d.id, d] as const)).values(),
  ] satisfies Department[];
  const byId = new Map(records.map((record) => [record.id, record]));
  const names = gridNames(grids);
  const rows = policeNotices(records, departments, new Date()).flatMap((notice) => {
    const record = byId.get(notice.recordId);
    if (!record) return [];
    return [
      {
        key: notice.recordId,
        href: `/records/${record.id}`,
        urgency: notice.kind === 'disputeRisk' ? 'near' : 'later',
        stacked: true,
        subject: appKindOf(record).title(record),
        when: `${t(`police.${notice.kind}`)} · ${names.get(record.gridId) ?? ''}`,
      },
    ];
  });
  return (
    <TaskPanel
      id="police-notices-title"
      title={t('police.title')}
      count={rows.length > 0 ? t('police.count', { n: rows.length }) : undefined}
      empty={t('police.empty')}
      rows={rows}
    />
  );
}
