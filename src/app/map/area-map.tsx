/**
 * 网格态势图: the supervisor's map on the 区域总览 (issue 13) — every grid of the area shaded by what
 * is overdue and open there now (grid-shading.ts), the period's events as heat from the figures
 * API's ~200 m squares, and this week's cells nobody walked (coverage.ts, from the patrols on the
 * device). A tap on a grid drills into its figures. Lazy: loaded with maplibre-gl only when the
 * overview shows a map, never on home.
 */
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { GridFigures } from '../../domain/area-figures';
import { startOfLocalWeek } from '../../domain/due-dates';
import type { HeatCell } from '../../domain/event-heat';
import type { LocalGrid, LocalRecord } from '../../sync/local-db';
import { gridCoverage } from './coverage';
import { heatPoints, shadedGrids } from './grid-shading';
import { boundsOf, linePoints, trackLines } from './map-features';
import './map-screen.css';
import { MapLegend } from './map-legend';

export const SHADE_LAYER = 'grid-shade';
export const HEAT_LAYER = 'event-heat';
export const UNWALKED_LAYER = 'area-unwalked';
const EMPTY = { type: 'FeatureCollection', features: [] } as const;
const NO_ALERTS: ReadonlySet<never> = new Set();
type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];

/** The shades' colours; the legend shows the same. */
export const SHADE_COLOURS = { overdue: '#b42318', open: '#e8a200', clear: '#17663a' } as const;

function areaStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      grids: { type: 'geojson', data: EMPTY },
      heat: { type: 'geojson', data: EMPTY },
      cells: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f5f8' } },
      {
        // Overdue red, deeper with each overdue item (up to 5); open only amber; clear pale green.
        id: SHADE_LAYER,
        type: 'fill',
        source: 'grids',
        paint: {
          'fill-color': [
            'match',
            ['get', 'shade'],
            'overdue',
            SHADE_COLOURS.overdue,
            'open',
            SHADE_COLOURS.open,
            SHADE_COLOURS.clear,
          ],
          'fill-opacity': [
            'case',
            ['>', ['get', 'overdue'], 0],
            ['+', 0.3, ['*', 0.08, ['min', ['get', 'overdue'], 5]]],
            ['>', ['get', 'open'], 0],
            0.35,
            0.12,
          ],
        },
      },
      {
        id: UNWALKED_LAYER,
        type: 'fill',
        source: 'cells',
        filter: ['==', ['get', 'covered'], false],
        paint: { 'fill-color': '#5f6b7a', 'fill-opacity': 0.18 },
      },
      {
        id: HEAT_LAYER,
        type: 'heatmap',
        source: 'heat',
        paint: {
          'heatmap-weight': ['min', 1, ['/', ['get', 'count'], 5]],
          'heatmap-intensity': 1,
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 12, 15, 40],
          'heatmap-opacity': 0.75,
        },
      },
      {
        id: 'grid-line',
        type: 'line',
        source: 'grids',
        paint: { 'line-color': '#0b4f9c', 'line-width': 1.5 },
      },
    ],
  };
}

interface AreaMapProps {
  grids: readonly LocalGrid[];
  figures: readonly GridFigures[];
  heat: readonly HeatCell[];
  /** The patrols on the device, for this week's coverage. */
  patrols: readonly LocalRecord[];
  onGrid: (gridId: string) => void;
}

export function AreaMap({ grids, figures, heat, patrols, onGrid }: AreaMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap>(undefined);
  const loaded = useRef(false);
  const tap = useRef(onGrid);
  tap.current = onGrid;
  const shaded = useMemo(() => shadedGrids(grids, figures), [grids, figures]);
  const coverage = useMemo(() => {
    const walked = linePoints(trackLines(patrols, undefined, startOfLocalWeek(new Date())));
    return grids.map((grid) => ({ grid, ...gridCoverage(grid.id, grid.geometry, walked) }));
  }, [grids, patrols]);
  const data = useRef({ shaded, heat, coverage });
  data.current = { shaded, heat, coverage };

  const apply = useRef(() => {
    const instance = map.current;
    if (!instance || !loaded.current) return;
    const { shaded: gridData, heat: cells, coverage: covered } = data.current;
    instance.getSource<GeoJSONSource>('grids')?.setData(gridData as GeoJSONData);
    instance.getSource<GeoJSONSource>('heat')?.setData(heatPoints(cells) as GeoJSONData);
    const unwalked = { type: 'FeatureCollection', features: covered.flatMap((c) => c.cells.features) };
    instance.getSource<GeoJSONSource>('cells')?.setData(unwalked as GeoJSONData);
  });

  useEffect(() => {
    let instance: MapLibreMap | undefined;
    let forget: (() => void) | undefined;
    let cancelled = false;
    // maplibre-gl with the map, never before: see map-engine.ts.
    void import('./map-engine').then(({ Map: MapLibre, publishMap, unpublishMap }) => {
      if (cancelled || !container.current) return;
      const created = new MapLibre({
        container: container.current,
        style: areaStyle(),
        center: [118.75, 32.23],
        zoom: 12,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      instance = created;
      created.touchZoomRotate.disableRotation();
      created.on('click', SHADE_LAYER, (event) => {
        const id = event.features?.[0]?.properties.gridId;
        if (typeof id === 'string') tap.current(id);
      });
      created.on('mouseenter', SHADE_LAYER, () => (created.getCanvas().style.cursor = 'pointer'));
      created.on('mouseleave', SHADE_LAYER, () => (created.getCanvas().style.cursor = ''));
      created.once('load', () => {
        loaded.current = true;
        apply.current();
        const box = boundsOf(data.current.shaded);
        if (box) created.fitBounds(box, { padding: 24, animate: false, maxZoom: 16 });
      });
      map.current = created;
      publishMap(created);
      forget = () => unpublishMap(created);
    });
    return () => {
      cancelled = true;
      if (!instance) return;
      instance.remove();
      map.current = undefined;
      loaded.current = false;
      forget?.();
    };
  }, []);

  useEffect(() => apply.current(), [shaded, heat, coverage]);

  const shareOf = new Map(coverage.map((c) => [c.grid.id, c.share]));
  return (
    <div class="area-map">
      <div ref={container} class="area-map__canvas" />
      <MapLegend grids={grids} shareOf={shareOf} alerts={NO_ALERTS} shading />
    </div>
  );
}
