/**
 * 区域总览 — the supervisor's screen (issue 13 §2): the figures of the user's whole area for today,
 * this week or this month, each with the change from the period before and its definition one tap
 * away, then the grids, overdue first. The server counts (GET /api/figures: counts only, never a
 * resident's data); the device keeps the last answer and shows it offline with its time.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { FIGURE_PERIODS, type FigurePeriod } from '../../domain/area-figures';
import { supervisesArea } from '../../domain/event-access';
import {
  type FiguresResult,
  type FiguresSnapshot,
  loadFigures,
  storedFigures,
  type UnsyncedPerson,
} from '../../sync/figures-client';
import { AppBar } from '../components/app-bar';
import { ExportSheet } from '../components/export-sheet';
import { t } from '../i18n/i18n';
import { formatDateTime } from '../lib/format-time';
import { gridNames } from '../lib/grid-names';
import { NO_FILTER } from '../lib/list-filter';
import { listFilter } from '../lib/list-view-state';
import { useLiveQuery } from '../lib/use-live-query';
import { AreaMap } from '../map/area-map';
import { FigureTable } from '../overview/figure-table';
import { FigureTile, formatted, RiskTile, SECTIONS } from '../overview/figure-tiles';
import { OverviewCharts } from '../overview/overview-charts';
import { pageHttp } from '../status/page-http';
import { currentDb, session } from '../status/session';
import '../styles/overview.css';

type Shown = FiguresResult | { kind: 'loading' };

function freshness(shown: Shown): string {
  if (shown.kind === 'loading') return t('overview.loading');
  if (shown.kind === 'unauthorized') return t('overview.unauthorized');
  if (!shown.figures) return t('overview.none');
  const at = formatDateTime(shown.figures.asOf);
  if (shown.kind === 'fresh') return t('overview.asOf', { at });
  return t(shown.reason === 'offline' ? 'overview.offline' : 'overview.stale', { at });
}

/** Whose work the figures do not hold yet: each person, their unsynced count and when it was said. */
function UnsyncedPeople({ people }: { people: readonly UnsyncedPerson[] }) {
  return (
    <details class="overview__unsynced">
      <summary>{t('overview.unsynced', { n: people.length })}</summary>
      <ul>
        {people.map((person) => (
          <li key={person.name + person.reportedAt}>
            {t('overview.unsyncedPerson', {
              name: person.name,
              n: person.records,
              at: formatDateTime(person.reportedAt),
            })}
          </li>
        ))}
      </ul>
      <p class="form-note">{t('overview.unsyncedNote')}</p>
    </details>
  );
}

/** Each field worker's outcomes in the period, by name: results, never a ranking or a clock-in. */
function WorkerTable({ workers }: { workers: NonNullable<FiguresSnapshot['workers']> }) {
  const share = (value: number | null) => formatted(value, 'share');
  return (
    <FigureTable
      id="overview-workers"
      title={t('overview.section.workers')}
      note={t('overview.workersNote')}
      scroll
      columns={[
        t('overview.worker'),
        t('overview.workerEvents'),
        t('overview.workerSelfResolved'),
        t('overview.workerDisputes'),
        t('overview.workerFixedOnSite'),
        t('overview.workerHazardsOverdue'),
      ]}
      rows={workers.map((worker) => ({
        key: worker.name,
        header: worker.name,
        class: worker.hazardsOverdue > 0 ? 'has-overdue' : undefined,
        cells: [
          worker.eventsReported,
          share(worker.selfResolvedRate),
          share(worker.disputesResolvedRate),
          share(worker.fixedOnSiteRate),
          worker.hazardsOverdue,
        ],
      }))}
    />
  );
}

/** The 区域总览's address: the period, and the grid drilled into if any. */
function overviewHref(period: FigurePeriod, org?: string): string {
  return org === undefined
    ? `/overview?period=${period}`
    : `/overview?period=${period}&org=${encodeURIComponent(org)}`;
}

export function OverviewScreen() {
  const db = currentDb.value;
  const user = session.value?.user;
  // The period is in the address, so a reload or the back button keeps the one chosen.
  const { query, route } = useLocation();
  const asked = FIGURE_PERIODS.find((p) => p === query.period);
  // A grid the supervisor drilled into (its row below); the whole area when absent.
  const org = typeof query.org === 'string' && query.org !== '' ? query.org : undefined;
  const period = useSignal<FigurePeriod>(asked ?? 'week');
  const shown = useSignal<Shown>({ kind: 'loading' });
  const exporting = useSignal(false);
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]) ?? [];
  // This week's patrol tracks, for the map's coverage: a supervisor's device holds the area's patrols.
  const patrols =
    useLiveQuery(async () => (db ? db.records.where('kind').equals('patrol').toArray() : []), [db]) ?? [];

  // Into a grid and back out, the figures start from the top, not where the last view was scrolled.
  useEffect(() => window.scrollTo(0, 0), [org]);

  useEffect(() => {
    if (!db || !user || !session.value) return;
    let cancelled = false;
    const token = session.value.token;
    // The kept snapshot at once (offline it is all there is), then the server's.
    void storedFigures(db, period.value, org).then((figures) => {
      if (!cancelled && shown.peek().kind === 'loading' && figures)
        shown.value = { kind: 'stored', figures, reason: 'offline' };
    });
    void loadFigures(pageHttp, db, token, period.value, org).then((result) => {
      if (!cancelled) shown.value = result;
    });
    return () => {
      cancelled = true;
    };
  }, [db, user?.id, period.value, org]);

  if (!user || !supervisesArea(user.role)) {
    return (
      <div class="screen">
        <AppBar title={t('overview.title')} back="/" />
        <p class="empty">{t('overview.none')}</p>
      </div>
    );
  }
  const value = shown.value;
  const figures = value.kind === 'fresh' || value.kind === 'stored' ? value.figures : undefined;
  const names = gridNames(grids);
  const gridName = (id: string) => names.get(id) ?? id;
  const gridRows = [...(figures?.grids ?? [])].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.open - a.open ||
      gridName(a.gridId).localeCompare(gridName(b.gridId), 'zh-CN'),
  );

  return (
    <div class="screen screen--overview">
      <AppBar
        title={org === undefined ? t('overview.title') : gridName(org)}
        back={org === undefined ? '/' : overviewHref(period.value)}
      />
      <main class="overview">
        <div class="overview__head">
          <fieldset class="segmented">
            <legend class="visually-hidden">{t('overview.periodPicker')}</legend>
            {FIGURE_PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                class={period.value === p ? 'segmented__option is-on' : 'segmented__option'}
                aria-pressed={period.value === p}
                onClick={() => {
                  if (period.value === p) return;
                  shown.value = { kind: 'loading' };
                  period.value = p;
                  route(overviewHref(p, org), true);
                }}
              >
                {t(`overview.period.${p}`)}
              </button>
            ))}
          </fieldset>
          <p
            class={value.kind === 'fresh' ? 'overview__asof' : 'overview__asof overview__asof--old'}
            role="status"
          >
            {freshness(value)}
          </p>
        </div>
        {figures?.unsynced && figures.unsynced.length > 0 && <UnsyncedPeople people={figures.unsynced} />}
        {figures && (
          <>
            {SECTIONS.map((section) => (
              <section
                key={section.key}
                class="overview__section"
                aria-labelledby={`overview-${section.key}`}
              >
                <h2 class="section-title" id={`overview-${section.key}`}>
                  {t(`overview.section.${section.key}`)}
                </h2>
                <div class="tiles">
                  {section.figures.map((figure) => (
                    <FigureTile
                      key={figure.key}
                      figure={figure}
                      now={figures.current}
                      before={figures.previous}
                      period={figures.period}
                    />
                  ))}
                  {section.key === 'disputes' && <RiskTile figures={figures.current} />}
                </div>
              </section>
            ))}
            <OverviewCharts figures={figures} />
            {org === undefined && (
              <section class="overview__section overview__section--map" aria-labelledby="overview-map">
                <h2 class="section-title" id="overview-map">
                  {t('overview.section.map')}
                </h2>
                <p class="form-note">{t('overview.mapNote')}</p>
                <AreaMap
                  grids={grids}
                  figures={figures.grids}
                  heat={figures.heat ?? []}
                  patrols={patrols}
                  onGrid={(gridId) => route(overviewHref(period.value, gridId))}
                />
              </section>
            )}
            <FigureTable
              id="overview-grids"
              class="overview__section--grids"
              title={t('overview.section.grids')}
              note={t('overview.gridsNote')}
              columns={[
                t('overview.grid'),
                t('overview.gridOverdue'),
                t('overview.gridOpen'),
                t('overview.gridPatrols'),
              ]}
              rows={gridRows.map((row) => ({
                key: row.gridId,
                class: row.overdue > 0 ? 'is-overdue' : undefined,
                header:
                  org === undefined ? (
                    <a class="grid-table__link" href={overviewHref(period.value, row.gridId)}>
                      {gridName(row.gridId)}
                    </a>
                  ) : (
                    gridName(row.gridId)
                  ),
                cells: [row.overdue, row.open, row.patrols],
              }))}
            />
            {figures.workers && figures.workers.length > 0 && <WorkerTable workers={figures.workers} />}
            <p class="form-note">{t('overview.countOnly')}</p>
          </>
        )}
        {org !== undefined && (
          <button
            type="button"
            class="overview__export"
            onClick={() => {
              listFilter.value = { ...NO_FILTER, gridId: org };
              route('/');
            }}
          >
            <span class="overview__export-title">{t('overview.gridRecords')}</span>
            <span class="overview__export-hint">{t('overview.gridRecordsHint')}</span>
          </button>
        )}
        <button type="button" class="overview__export" onClick={() => (exporting.value = true)}>
          <span class="overview__export-title">{t('export.open')}</span>
          <span class="overview__export-hint">{t('export.openHint')}</span>
        </button>
      </main>
      {exporting.value && <ExportSheet period={period.value} onClose={() => (exporting.value = false)} />}
    </div>
  );
}
