import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { useLocation } from 'preact-iso/router';
import {
  offeredOnHome,
  readableKinds,
  receivesPoliceNotices,
  reviewsRecords,
} from '../../domain/access-rules';
import { supervisesArea } from '../../domain/event-access';
import { AppBar } from '../components/app-bar';
import { EventQueuePanel } from '../components/event-queue-panel';
import { KindChips } from '../components/kind-chips';
import { ListFilterSheet } from '../components/list-filter-sheet';
import { RecordRow } from '../components/record-row';
import { TodayPanel } from '../components/today-panel';
import { VirtualList } from '../components/virtual-list';
import { label, t } from '../i18n/i18n';
import { CREATE_KINDS, kindColour, kindSlug } from '../kinds/app-kinds';
import { gridNames } from '../lib/grid-names';
import {
  type ActiveFilter,
  activeFilters,
  applyListFilter,
  type ListFilter,
  NO_FILTER,
  statusesOf,
  withoutFilter,
} from '../lib/list-filter';
import { listFilter, listView } from '../lib/list-view-state';
import { kindLabel, statusLabel } from '../lib/record-facets';
import { useListFacets } from '../lib/use-list-facets';
import { useLiveQuery } from '../lib/use-live-query';
import { PatrolStartButton } from '../patrol/patrol-start-button';
import { isOnline } from '../status/network';
import { currentDb, session } from '../status/session';
import '../styles/list.css';

/** 待审阅 is a supervisor's only: a worker's phone never loads it (the home bundle budget). */
const ReviewQueuePanel = lazy(() =>
  import('../components/review-queue-panel').then((m) => m.ReviewQueuePanel),
);

/** 警务关注 is the police's only, loaded the same way. */
const PoliceNoticePanel = lazy(() =>
  import('../components/police-notice-panel').then((m) => m.PoliceNoticePanel),
);

/** Long enough to not filter on every keystroke of a word, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 150;

function chipText(part: ActiveFilter, filter: ListFilter, gridNames: Map<string, string>): string {
  switch (part) {
    case 'query':
      return t('list.query', { q: filter.query.trim() });
    case 'kind':
      return kindLabel(filter.kind);
    case 'status':
      return statusLabel(filter.kind, filter.status ?? '');
    case 'gridId':
      return gridNames.get(filter.gridId ?? '') ?? filter.gridId ?? '';
    case 'date':
      return label('listDate', filter.date);
    case 'overdueOnly':
      return t('list.overdueOnly');
  }
}

/**
 * 首页: every record on the device, newest first, searchable and filterable, in a windowed list;
 * the three create buttons stay in the thumb zone. Records are read once per change of the table
 * and filtered in memory, so typing a search never goes back to IndexedDB.
 */
export function HomeScreen() {
  const { route } = useLocation();
  const db = currentDb.value;
  // A department account creates nothing from home: its work comes dispatched (事件 queue above);
  // a supervisor reviews the patrol logs and inspections rather than making them (offeredOnHome).
  const role = session.value?.user.role ?? '';
  const creatable = CREATE_KINDS.filter((kind) => offeredOnHome(role, kind));
  const patrols = offeredOnHome(role, 'patrol');
  const filter = listFilter.value;
  const sheetOpen = useSignal(false);
  const draft = useSignal(filter.query);
  const { all: facets, head } = useListFacets(db);
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]) ?? [];
  const names = gridNames(grids);

  const shown = useMemo(
    () => applyListFilter(facets ?? head ?? [], filter, new Date()),
    [facets, head, filter],
  );
  const statuses = useMemo(() => statusesOf(facets ?? [], filter.kind), [facets, filter.kind]);
  const active = activeFilters(filter);
  const setFilter = (next: ListFilter) => {
    listFilter.value = next;
    if (next.query !== draft.value) draft.value = next.query;
  };

  useEffect(() => {
    if (draft.value === listFilter.peek().query) return;
    const timer = setTimeout(
      () => (listFilter.value = { ...listFilter.peek(), query: draft.value }),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [draft.value]);

  // Back from a record: the same place in the list. A new filter: its first result.
  const restored = useRef(false);
  const lastFilter = useRef(filter);
  useLayoutEffect(() => {
    if (!facets) return;
    if (!restored.current) {
      restored.current = true;
      const y = listView.scrollY;
      // After the router's own scroll to the top on navigation (its layout effect runs after ours), before paint.
      if (y) requestAnimationFrame(() => window.scrollTo(0, y));
    } else if (lastFilter.current !== filter) {
      window.scrollTo(0, 0);
    }
    lastFilter.current = filter;
  }, [facets, filter]);

  const now = new Date();
  return (
    // Remembered on the tap that leaves the list: by unmount time the router has scrolled to the top.
    <div class="screen screen--home" onClickCapture={() => (listView.scrollY = window.scrollY)}>
      <AppBar
        title={t('app.name')}
        action={
          <a class="app-bar__action" href="/map">
            {t('home.map')}
          </a>
        }
      >
        {!isOnline.value && <p class="offline-banner">{t('banner.offline')}</p>}
        <search class="list-search">
          <input
            class="input list-search__input"
            type="search"
            enterKeyHint="search"
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            value={draft.value}
            onInput={(event) => (draft.value = event.currentTarget.value)}
          />
          <button
            type="button"
            class={active.length ? 'filter is-on' : 'filter'}
            aria-haspopup="dialog"
            onClick={() => (sheetOpen.value = true)}
          >
            {active.length ? t('list.filtersActive', { n: active.length }) : t('list.filters')}
          </button>
        </search>
        <nav class="filters" aria-label={t('home.filter')}>
          <KindChips role={role} filter={filter} onChange={setFilter} />
        </nav>
      </AppBar>
      <main class="home-list">
        {supervisesArea(role) && (
          <a class="overview-entry" href="/overview">
            <span class="overview-entry__title">{t('home.overview')}</span>
            <span class="overview-entry__hint">{t('home.overviewHint')}</span>
          </a>
        )}
        {receivesPoliceNotices(role) && (
          <ErrorBoundary>
            <PoliceNoticePanel />
          </ErrorBoundary>
        )}
        <EventQueuePanel />
        {reviewsRecords(role) && (
          <ErrorBoundary>
            <ReviewQueuePanel />
          </ErrorBoundary>
        )}
        <TodayPanel />
        {facets === undefined && <p class="list-note">{t('list.loading')}</p>}
        {facets && facets.length > 0 && (
          <div class="list-summary">
            <p class="list-summary__count" role="status">
              {t('list.count', { n: shown.length })}
            </p>
            {active.length > 0 && (
              <ul class="active-filters" aria-label={t('list.active')}>
                {active.map((part) => {
                  const text = chipText(part, filter, names);
                  return (
                    <li key={part}>
                      <button
                        type="button"
                        class="active-filter"
                        aria-label={t('list.remove', { name: text })}
                        onClick={() => setFilter(withoutFilter(filter, part))}
                      >
                        {text}
                        <span aria-hidden="true"> ×</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
        {facets && facets.length === 0 && (
          <div class="empty">
            <h2 class="empty__title">{t('home.emptyTitle')}</h2>
            <p>{t('home.emptyBody')}</p>
          </div>
        )}
        {facets && facets.length > 0 && shown.length === 0 && (
          <div class="empty">
            <h2 class="empty__title">{t('list.emptyFilteredTitle')}</h2>
            <p>
              {t('list.emptyFilteredBody', {
                n: facets.length,
                filters: active.map((part) => chipText(part, filter, names)).join('、'),
              })}
            </p>
            <button
              type="button"
              class="button button--secondary empty__action"
              onClick={() => setFilter(NO_FILTER)}
            >
              {t('list.clear')}
            </button>
          </div>
        )}
        {shown.length > 0 && (
          <VirtualList
            items={shown}
            label={t('home.list')}
            itemKey={(f) => f.row.id}
            renderItem={(f, position, setSize) => (
              <RecordRow
                row={f.row}
                gridName={names.get(f.gridId)}
                now={now}
                position={position}
                setSize={setSize}
              />
            )}
          />
        )}
      </main>
      <ListFilterSheet
        open={sheetOpen.value}
        filter={filter}
        kinds={readableKinds(role)}
        statuses={statuses}
        grids={grids}
        gridNames={names}
        resultCount={shown.length}
        onFilter={setFilter}
        onClose={() => (sheetOpen.value = false)}
      />
      {(creatable.length > 0 || patrols) && (
        <nav class="create-bar" aria-label={t('home.create')}>
          {patrols && <PatrolStartButton />}
          {creatable.map((kind) => (
            <button
              key={kind}
              type="button"
              class="create-button"
              style={{ '--kind': kindColour(kind) }}
              onClick={() => route(`/new/${kindSlug(kind)}`)}
            >
              <span class="create-button__plus" aria-hidden="true">
                +
              </span>
              {t(`kind.${kind}`)}
            </button>
          ))}
        </nav>
      )}
    </div>
  );
}
