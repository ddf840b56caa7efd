/**
 * The MapLibre canvas. This module (and maplibre-gl with it) is imported only by the lazy /map
 * route, so the library never weighs on the home screen. MapLibre's worker is our own file
 * (Vite emits it under /assets and the service worker precaches it): the CSP allows workers from
 * 'self' only, so MapLibre's blob: fallback must never be needed.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'preact/hooks';
import type { TileSource } from '../../domain/map-config';
import { showClusterCounts } from './cluster-counts';
import type { CoverageProps } from './coverage';
import { publishMap, unpublishMap } from './live-map';
import { MapControls } from './map-controls';
import {
  boundsOf,
  type FeatureCollection,
  type GridCollection,
  type PositionProps,
  type RecordCollection,
  type TrackLineProps,
} from './map-features';
import {
  BASEMAP_LAYER,
  BASEMAP_SOURCE,
  basemap,
  CLUSTERS_LAYER,
  COVERAGE_SOURCE,
  GRID_FILL_LAYER,
  GRIDS_SOURCE,
  mapStyle,
  POSITION_SOURCE,
  RECORDS_LAYER,
  RECORDS_SOURCE,
  TRACKS_SOURCE,
} from './map-style';

setWorkerUrl(workerUrl);

/** Half a 44 px tap target: a tap this close to a marker selects it. */
const TAP_SLOP_PX = 22;
/** Room around the grids when the map shows them all: the controls' column takes the right edge. */
const FIT_PADDING_PX = { top: 32, bottom: 32, left: 32, right: 64 };
/** Showing all grids never zooms in past this (one small grid would fill the screen with blocks). */
const FIT_MAX_ZOOM = 17;
/** Where the map opens when the device holds no grid yet (江北新区). */
const FALLBACK_CENTER: [number, number] = [118.75, 32.23];

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];

interface GridMapProps {
  grids: GridCollection;
  records: RecordCollection;
  /** The deployment's raster basemap; none (null or undefined) leaves the plain background. */
  tiles?: TileSource | null | undefined;
  /** This week's patrol tracks and the running one. */
  tracks?: FeatureCollection<TrackLineProps> | undefined;
  /** The grids' cells walked and not walked this week. */
  coverage?: FeatureCollection<CoverageProps> | undefined;
  /** Where the worker is, with its accuracy. */
  position?: FeatureCollection<PositionProps> | undefined;
  onSelect: (recordId: string | undefined) => void;
}

export function GridMap({ grids, records, tiles, tracks, coverage, position, onSelect }: GridMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap>(undefined);
  const fitted = useRef(false);
  const loaded = useRef(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const instance = new MapLibreMap({
      container: container.current,
      style: mapStyle(),
      center: FALLBACK_CENTER,
      zoom: 12,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.touchZoomRotate.disableRotation();
    instance.on('click', ({ point }) => {
      const hits = instance.queryRenderedFeatures(
        [
          [point.x - TAP_SLOP_PX, point.y - TAP_SLOP_PX],
          [point.x + TAP_SLOP_PX, point.y + TAP_SLOP_PX],
        ],
        { layers: [CLUSTERS_LAYER, RECORDS_LAYER] },
      );
      const hit = nearest(instance, hits, point);
      if (hit?.layer.id === CLUSTERS_LAYER) {
        void expandCluster(instance, hit);
        return;
      }
      const id = hit?.properties.recordId;
      select.current(typeof id === 'string' ? id : undefined);
    });
    instance.once('load', () => {
      loaded.current = true;
      apply.current();
    });
    const hideCounts = showClusterCounts(instance, () => loaded.current);
    map.current = instance;
    publishMap(instance);
    return () => {
      hideCounts();
      instance.remove();
      map.current = undefined;
      loaded.current = false;
      unpublishMap(instance);
    };
  }, []);

  // The latest data, applied once the style has loaded and on every change after. A flag of our
  // own, not isStyleLoaded(): that turns false again while a setData reloads a source, and a
  // 'load' listener added then would never fire.
  const data = useRef({ grids, records, tiles, tracks, coverage, position });
  data.current = { grids, records, tiles, tracks, coverage, position };
  const apply = useRef(() => {
    const instance = map.current;
    if (!instance || !loaded.current) return;
    const { grids: gridData, records: recordData, tiles: tileSource } = data.current;
    applyBasemap(instance, tileSource ?? null);
    // The casts: our collections are GeoJSON built in map-features.ts (kept free of maplibre types).
    instance.getSource<GeoJSONSource>(GRIDS_SOURCE)?.setData(gridData as GeoJSONData);
    instance.getSource<GeoJSONSource>(RECORDS_SOURCE)?.setData(recordData as GeoJSONData);
    const { tracks: trackData, coverage: cells, position: here } = data.current;
    if (trackData) instance.getSource<GeoJSONSource>(TRACKS_SOURCE)?.setData(trackData as GeoJSONData);
    if (cells) instance.getSource<GeoJSONSource>(COVERAGE_SOURCE)?.setData(cells as GeoJSONData);
    if (here) instance.getSource<GeoJSONSource>(POSITION_SOURCE)?.setData(here as GeoJSONData);
    // Fit once, then leave the view to the user (显示所有网格 fits again).
    if (!fitted.current) fitted.current = showAll(instance, gridData, recordData, false);
  });

  useEffect(() => apply.current(), [grids, records, tiles, tracks, coverage, position]);

  const here = position?.features.find((feature) => feature.properties.role === 'position')?.geometry as
    | { coordinates: [number, number] }
    | undefined;
  return (
    <>
      <div ref={container} class="grid-map" />
      <MapControls
        map={() => map.current}
        here={here?.coordinates}
        onShowAll={() => {
          if (map.current && loaded.current)
            showAll(map.current, data.current.grids, data.current.records, true);
        }}
      />
    </>
  );
}

/** Fits the view to the grids (or to the records when no grid has a shape); false with nothing to show. */
function showAll(
  instance: MapLibreMap,
  grids: GridCollection,
  records: RecordCollection,
  animate: boolean,
): boolean {
  const box = grids.features.length > 0 ? boundsOf(grids) : boundsOf(records);
  if (!box) return false;
  instance.fitBounds(box, { padding: FIT_PADDING_PX, animate, maxZoom: FIT_MAX_ZOOM });
  return true;
}

/** The hit whose point is closest to where the finger landed (a cluster or a record). */
function nearest(
  instance: MapLibreMap,
  hits: MapGeoJSONFeature[],
  point: { x: number; y: number },
): MapGeoJSONFeature | undefined {
  let best: MapGeoJSONFeature | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const hit of hits) {
    const [lng, lat] = (hit.geometry as { coordinates?: number[] }).coordinates ?? [];
    if (lng === undefined || lat === undefined) continue;
    const at = instance.project([lng, lat]);
    const distance = Math.hypot(at.x - point.x, at.y - point.y);
    if (distance < bestDistance) [best, bestDistance] = [hit, distance];
  }
  return best;
}

/** Zooms in on a cluster just far enough for it to come apart. */
async function expandCluster(instance: MapLibreMap, cluster: MapGeoJSONFeature): Promise<void> {
  const id = cluster.properties.cluster_id;
  const center = (cluster.geometry as { coordinates?: [number, number] }).coordinates;
  const source = instance.getSource<GeoJSONSource>(RECORDS_SOURCE);
  if (typeof id !== 'number' || !center || !source) return;
  // Rejects when the records changed since the tap (that cluster id is gone): the tap is then moot.
  const zoom = await source.getClusterExpansionZoom(id).catch(() => undefined);
  if (zoom === undefined) return;
  instance.easeTo({ center, zoom: Math.min(zoom, instance.getMaxZoom()) });
}

/** Adds, replaces or removes the basemap so that it matches `tiles`. */
function applyBasemap(instance: MapLibreMap, tiles: TileSource | null): void {
  const wanted = tiles ? basemap(tiles, location.origin) : undefined;
  const current = instance.getSource(BASEMAP_SOURCE);
  const currentTiles = (current?.serialize() as { tiles?: string[] } | undefined)?.tiles;
  if (current && currentTiles?.[0] === wanted?.source.tiles?.[0]) return;
  if (current) {
    instance.removeLayer(BASEMAP_LAYER);
    instance.removeSource(BASEMAP_SOURCE);
  }
  if (!wanted) return;
  instance.addSource(BASEMAP_SOURCE, wanted.source);
  instance.addLayer(wanted.layer, GRID_FILL_LAYER);
}
