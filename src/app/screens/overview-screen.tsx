/**
 * 区域总览 — the supervisor's screen (issue 13 §2): the figures of the user's whole area for today,
 * this week or this month, each with the change from the period before and its definition one tap
 * away, then the grids, overdue first. The server counts (GET /api/figures: counts only, never a
 * resident's data); the device keeps the last answer and shows it offline with its time.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { type AreaFigures, FIGURE_PERIODS, type FigurePeriod } from '../../domain/area-figures';
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
import type { MessageKey } from '../i18n/zh-cn';
import { formatDateTime } from '../lib/format-time';
import { gridNames } from '../lib/grid-names';
import { NO_FILTER } from '../lib/list-filter';
import { listFilter } from '../lib/list-view-state';
import { useLiveQuery } from '../lib/use-live-query';
import { pageHttp } from '../status/page-http';
import { currentDb, session } from '../status/session';
import '../styles/overview.css';

type Shown = FiguresResult | { kind: 'loading' };

/** A figure: a count, a share (0–1, null when there is nothing to divide) or hours. */
interface Figure {
  key: string;
  value: (f: AreaFigures) => number | null;
  format: 'count' | 'share' | 'hours';
  /** Counts of what stands now (open, overdue…) have no previous period to compare with. */
  standing?: true;
  /** Red when above zero. */
  alarm?: true;
}

const SECTIONS: readonly { key: 'events' | 'disputes' | 'rentals' | 'patrols'; figures: Figure[] }[] = [
  {
    key: 'events',
    figures: [
      { key: 'events.reported', value: (f) => f.events.reported, format: 'count' },
      { key: 'events.open', value: (f) => f.events.open, format: 'count', standing: true },
      { key: 'events.overdue', value: (f) => f.events.overdue, format: 'count', standing: true, alarm: true },
      { key: 'events.onTimeRate', value: (f) => f.events.onTimeRate, format: 'share' },
      { key: 'events.selfResolvedRate', value: (f) => f.events.selfResolvedRate, format: 'share' },
    ],
  },
  {
    key: 'disputes',
    figures: [
      { key: 'disputes.registered', value: (f) => f.disputes.registered, format: 'count' },
      { key: 'disputes.accepted', value: (f) => f.disputes.accepted, format: 'count' },
      { key: 'disputes.resolvedRate', value: (f) => f.disputes.resolvedRate, format: 'share' },
      {
        key: 'disputes.overdue',
        value: (f) => f.disputes.overdue,
        format: 'count',
        standing: true,
        alarm: true,
      },
      { key: 'disputes.followUpRate', value: (f) => f.disputes.followUpRate, format: 'share' },
    ],
  },
  {
    key: 'rentals',
    figures: [
      { key: 'rentals.inspected', value: (f) => f.rentals.inspected, format: 'count' },
      { key: 'rentals.coverage', value: (f) => f.rentals.coverage, format: 'share' },
      { key: 'rentals.fixedOnSiteRate', value: (f) => f.rentals.fixedOnSiteRate, format: 'share' },
      { key: 'rentals.rectifying', value: (f) => f.rentals.rectifying, format: 'count', standing: true },
      {
        key: 'rentals.awaitingRecheck',
        value: (f) => f.rentals.awaitingRecheck,
        format: 'count',
        standing: true,
      },
      {
        key: 'rentals.overdue',
        value: (f) => f.rentals.overdue,
        format: 'count',
        standing: true,
        alarm: true,
      },
    ],
  },
  {
    key: 'patrols',
    figures: [
      { key: 'patrols.patrols', value: (f) => f.patrols.patrols, format: 'count' },
      { key: 'patrols.minutes', value: (f) => f.patrols.minutes, format: 'hours' },
      { key: 'patrols.gridCoverage', value: (f) => f.patrols.gridCoverage, format: 'share' },
      { key: 'patrols.householdsReached', value: (f) => f.patrols.householdsReached, format: 'count' },
      { key: 'patrols.appInstalled', value: (f) => f.patrols.appInstalled, format: 'count' },
    ],
  },
];

function formatted(value: number | null, format: Figure['format']): string {
  if (value === null) return t('overview.noRate');
  if (format === 'share') return `${Math.round(value * 100)}%`;
  if (format === 'hours') return t('figure.hours', { n: Math.round(value / 6) / 10 });
  return String(value);
}

/** 较上周 +3 / −5% / 持平; '' when there is nothing to compare. */
function change(figure: Figure, now: AreaFigures, before: AreaFigures, period: FigurePeriod): string {
  if (figure.standing) return '';
  const a = figure.value(now);
  const b = figure.value(before);
  if (a === null || b === null) return '';
  const delta =
    figure.format === 'share'
      ? Math.round((a - b) * 100)
      : figure.format === 'hours'
        ? Math.round((a - b) / 6) / 10
        : a - b;
  const size = Math.abs(delta);
  const amount =
    figure.format === 'share'
      ? `${size}%`
      : figure.format === 'hours'
        ? t('figure.hours', { n: size })
        : String(size);
  const text = delta === 0 ? t('overview.noChange') : `${delta > 0 ? '+' : '−'}${amount}`;
  return `${t(`overview.vsPrevious.${period}` as MessageKey)} ${text}`;
}

function FigureTile({
  figure,
  now,
  before,
  period,
}: {
  figure: Figure;
  now: AreaFigures;
  before: AreaFigures;
  period: FigurePeriod;
}) {
  const value = figure.value(now);
  const alarm = figure.alarm === true && (value ?? 0) > 0;
  const delta = change(figure, now, before, period);
  return (
    <details class={alarm ? 'tile tile--alarm' : 'tile'}>
      <summary>
        <span class="tile__label">{t(`figure.${figure.key}` as MessageKey)}</span>
        <span class="tile__value">{formatted(value, figure.format)}</span>
        {delta && <span class="tile__change">{delta}</span>}
      </summary>
      <p class="tile__definition">{t(`figure.${figure.key}.def` as MessageKey)}</p>
    </details>
  );
}

function RiskTile({ figures }: { figures: AreaFigures }) {
  const { red, orange, yellow } = figures.disputes.risk;
  return (
    <details class={red > 0 ? 'tile tile--alarm' : 'tile'}>
      <summary>
        <span class="tile__label">{t('figure.disputes.risk')}</span>
        <span class="tile__value">
          <span class="risk-count risk-count--red">{red}</span>/
          <span class="risk-count risk-count--orange">{orange}</span>/
          <span class="risk-count risk-count--yellow">{yellow}</span>
        </span>
      </summary>
      <p class="tile__definition">{t('figure.disputes.risk.def')}</p>
    </details>
  );
}

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
    <section class="overview__section" aria-labelledby="overview-workers">
      <h2 class="section-title" id="overview-workers">
        {t('overview.section.workers')}
      </h2>
      <p class="form-note">{t('overview.workersNote')}</p>
      <div class="table-scroll">
        <table class="grid-table">
          <thead>
            <tr>
              <th scope="col">{t('overview.worker')}</th>
              <th scope="col">{t('overview.workerEvents')}</th>
              <th scope="col">{t('overview.workerSelfResolved')}</th>
              <th scope="col">{t('overview.workerDisputes')}</th>
              <th scope="col">{t('overview.workerFixedOnSite')}</th>
              <th scope="col">{t('overview.workerHazardsOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {workers.map((worker) => (
              <tr key={worker.name} class={worker.hazardsOverdue > 0 ? 'has-overdue' : undefined}>
                <th scope="row">{worker.name}</th>
                <td>{worker.eventsReported}</td>
                <td>{share(worker.selfResolvedRate)}</td>
                <td>{share(worker.disputesResolvedRate)}</td>
                <td>{share(worker.fixedOnSiteRate)}</td>
                <td>{worker.hazardsOverdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
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
            <section class="overview__section overview__section--grids" aria-labelledby="overview-grids">
              <h2 class="section-title" id="overview-grids">
                {t('overview.section.grids')}
              </h2>
              <p class="form-note">{t('overview.gridsNote')}</p>
              <table class="grid-table">
                <thead>
                  <tr>
                    <th scope="col">{t('overview.grid')}</th>
                    <th scope="col">{t('overview.gridOverdue')}</th>
                    <th scope="col">{t('overview.gridOpen')}</th>
                    <th scope="col">{t('overview.gridPatrols')}</th>
                  </tr>
                </thead>
                <tbody>
                  {gridRows.map((row) => (
                    <tr key={row.gridId} class={row.overdue > 0 ? 'is-overdue' : undefined}>
                      <th scope="row">
                        {org === undefined ? (
                          <a class="grid-table__link" href={overviewHref(period.value, row.gridId)}>
                            {gridName(row.gridId)}
                          </a>
                        ) : (
                          gridName(row.gridId)
                        )}
                      </th>
                      <td>{row.overdue}</td>
                      <td>{row.open}</td>
                      <td>{row.patrols}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
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
