import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { readableKinds } from '../../domain/access-rules';
import { startOfLocalWeek } from '../../domain/due-dates';
import { AppBar } from '../components/app-bar';
import { KindChips } from '../components/kind-chips';
import { ListFilterSheet } from '../components/list-filter-sheet';
import { SyncChip } from '../components/sync-chip';
import { label, t } from '../i18n/i18n';
import { appKindOf } from '../kinds/app-kinds';
import { activePatrolId } from '../lib/active-patrol';
import { gridNames } from '../lib/grid-names';
import { activeFilters, applyListFilter, type ListFilter, statusesOf } from '../lib/list-filter';
import { listFilter } from '../lib/list-view-state';
import { listFacets } from '../lib/record-facets';
import { useLiveQuery } from '../lib/use-live-query';
import { gridCoverage } from '../map/coverage';
import { GridMap } from '../map/grid-map';
import {
  gridFeatures,
  linePoints,
  positionFeatures,
  recordFeatures,
  recordLngLat,
  trackLines,
} from '../map/map-features';
import { usePosition } from '../map/use-position';
import '../map/map-screen.css';
import { MapLegend } from '../map/map-legend';
import { OfflineMapSheet } from '../map/offline-map-sheet';
import { useMapConfig } from '../map/use-map-config';
import { currentDb, session } from '../status/session';

/**
 * 地图: the user's grids and every located record on a plain background (or the deployment's
 * raster basemap, with 下载本网格离线地图 to keep its tiles), this week's patrol tracks with the
 * grid cells nobody walked, and where the worker is — usable with no network.
 */
export function MapScreen() {
  const db = currentDb.value;
  const role = session.value?.user.role ?? '';
  // One filter for the list and the map (list-view-state.ts): what the list shows is what the map shows.
  const filter = listFilter.value;
  const sheetOpen = useSignal(false);
  const selectedId = useSignal<string | undefined>(undefined);
  const offlineSheetOpen = useSignal(false);
  const tiles = useMapConfig()?.tiles;
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const rows = useLiveQuery(
    async () => (db ? db.records.filter((row) => recordLngLat(row) !== undefined).toArray() : []),
    [db],
  );
  const patrols = useLiveQuery(
    async () => (db ? db.records.where('kind').equals('patrol').toArray() : []),
    [db],
  );
  const runningId = activePatrolId.value;
  const buffered = useLiveQuery(
    async () => (db && runningId ? db.trackPoints.where('patrolId').equals(runningId).sortBy('seq') : []),
    [db, runningId],
  );
  const position = usePosition();
  // Memoised: a new collection each render would make the map reload every source on any re-render.
  const here = useMemo(() => positionFeatures(position), [position]);
  const gridData = useMemo(() => gridFeatures(grids ?? []), [grids]);
  const tracks = useMemo(() => {
    const segments = new Map<string, number[][]>();
    for (const row of buffered ?? [])
      segments.set(row.segmentId, [...(segments.get(row.segmentId) ?? []), [...row.point]]);
    const running = runningId
      ? { patrolId: runningId, segments: [...segments].map(([id, points]) => ({ id, points })) }
      : undefined;
    return trackLines(patrols ?? [], running, startOfLocalWeek(new Date()));
  }, [patrols, buffered, runningId]);
  const coverage = useMemo(() => {
    const walked = linePoints(tracks);
    return (grids ?? []).map((grid) => ({ grid, ...gridCoverage(grid.id, grid.geometry, walked) }));
  }, [grids, tracks]);
  const cells = useMemo(
    () => ({ type: 'FeatureCollection' as const, features: coverage.flatMap((c) => c.cells.features) }),
    [coverage],
  );
  const shareOf = new Map(coverage.map((c) => [c.grid.id, c.share]));
  const facets = useMemo(() => listFacets(rows ?? []), [rows]);
  const shown = useMemo(() => applyListFilter(facets, filter, new Date()), [facets, filter]);
  const statuses = useMemo(() => statusesOf(facets, filter.kind), [facets, filter.kind]);
  const recordData = useMemo(
    () =>
      recordFeatures(
        shown.map((f) => f.row),
        'all',
      ),
    [shown],
  );
  const active = activeFilters(filter);
  const setFilter = (next: ListFilter) => {
    listFilter.value = next;
    selectedId.value = undefined;
  };
  const selected = rows?.find((row) => row.id === selectedId.value && !row.record.deleted);
  const unlocated = gridData.features.length === 0 && recordData.features.length === 0;

  const alerts = new Set(recordData.features.map((feature) => feature.properties.alert));
  return (
    <div class="screen screen--map">
      <AppBar title={t('map.title')} back="/">
        <nav class="filters" aria-label={t('home.filter')}>
          <KindChips role={role} filter={filter} onChange={setFilter} />
          <button
            type="button"
            class={active.length ? 'filter is-on' : 'filter'}
            aria-haspopup="dialog"
            onClick={() => (sheetOpen.value = true)}
          >
            {active.length ? t('list.filtersActive', { n: active.length }) : t('list.filters')}
          </button>
        </nav>
      </AppBar>
      <main class="map-main">
        <GridMap
          grids={gridData}
          records={recordData}
          tiles={tiles}
          tracks={tracks}
          coverage={cells}
          position={here}
          onSelect={(id) => (selectedId.value = id)}
        />
        {grids && grids.length > 0 && <MapLegend grids={grids} shareOf={shareOf} alerts={alerts} />}
        {grids && rows && unlocated && <p class="map-note">{t('map.empty')}</p>}
        {tiles?.attribution && <p class="map-attribution">{tiles.attribution}</p>}
        {tiles && !selected && (
          <button type="button" class="map-offline-button" onClick={() => (offlineSheetOpen.value = true)}>
            {t('offlineMap.open')}
          </button>
        )}
        {tiles && (
          <OfflineMapSheet
            open={offlineSheetOpen.value}
            tiles={tiles}
            grids={grids ?? []}
            onClose={() => (offlineSheetOpen.value = false)}
          />
        )}
        {selected && (
          <section class="map-card" aria-label={t('map.selected')}>
            <p class={`map-card__kind map-card__kind--${selected.kind}`}>{label('kind', selected.kind)}</p>
            <p class="map-card__title">{appKindOf(selected.record).title(selected.record)}</p>
            <p class="map-card__subtitle">{appKindOf(selected.record).subtitle(selected.record)}</p>
            <div class="map-card__actions">
              <SyncChip state={selected.syncState} />
              <a class="map-card__open" href={`/records/${selected.id}`}>
                {t('map.open')}
              </a>
            </div>
          </section>
        )}
      </main>
      <ListFilterSheet
        open={sheetOpen.value}
        filter={filter}
        kinds={readableKinds(role)}
        statuses={statuses}
        grids={grids ?? []}
        gridNames={gridNames(grids ?? [])}
        resultCount={shown.length}
        onFilter={setFilter}
        onClose={() => (sheetOpen.value = false)}
      />
    </div>
  );
}
