/**
 * The MapLibre canvas. This module (and maplibre-gl with it) is imported only by the lazy /map
 * route, so the library never weighs on the home screen. MapLibre's worker is our own file
 * (Vite emits it under /assets and the service worker precaches it): the CSP allows workers from
 * 'self' only, so MapLibre's blob: fallback must never be needed.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONSource } from 'maplibre-gl';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'preact/hooks';
import type { TileSource } from '../../domain/map-config';
import type { CoverageProps } from './coverage';
import { publishMap, unpublishMap } from './live-map';
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
const FIT_PADDING_PX = 32;
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
        { layers: [RECORDS_LAYER] },
      );
      const id = hits[0]?.properties.recordId;
      select.current(typeof id === 'string' ? id : undefined);
    });
    instance.once('load', () => {
      loaded.current = true;
      apply.current();
    });
    map.current = instance;
    publishMap(instance);
    return () => {
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
    if (fitted.current) return;
    // Fit once, to the grids (or to the records when no grid has a shape), then leave the view to the user.
    const box = gridData.features.length > 0 ? boundsOf(gridData) : boundsOf(recordData);
    if (!box) return;
    fitted.current = true;
    instance.fitBounds(box, { padding: FIT_PADDING_PX, animate: false, maxZoom: 17 });
  });

  useEffect(() => apply.current(), [grids, records, tiles, tracks, coverage, position]);

  return <div ref={container} class="grid-map" />;
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
