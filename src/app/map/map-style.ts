/**
 * The map's style: a plain background and our own two GeoJSON sources. Nothing here loads from a
 * URL — no glyphs or sprites — so the map draws the same with no network. Grid names are shown in
 * the DOM legend, not as symbol text, because text needs a glyph server. A deployment's raster
 * basemap (TILE_URL) is added under the grids by `basemap()`; its tiles come from the service
 * worker's tile cache when offline.
 */
import type {
  ExpressionSpecification,
  RasterLayerSpecification,
  RasterSourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { TileSource } from '../../domain/map-config';
import { RECORD_KINDS } from '../../domain/record-kinds';
import { absoluteTileTemplate } from '../../sync/tile-cache';
import { APP_KINDS } from '../kinds/app-kinds';

export const GRIDS_SOURCE = 'grids';
export const RECORDS_SOURCE = 'records';
export const GRID_FILL_LAYER = 'grid-fill';
export const GRID_OUTLINE_LAYER = 'grid-outline';
export const RECORDS_LAYER = 'record-points';
export const ALERTS_LAYER = 'record-alerts';
export const CLUSTERS_LAYER = 'record-clusters';
/**
 * Past this zoom the records are never grouped: at 16 two markers 20 px apart stand about 40 m
 * apart, so what still overlaps there is one address, and zooming in further would not part it.
 */
export const CLUSTER_MAX_ZOOM = 15;
/**
 * Markers closer than this (screen pixels, at a whole zoom) are drawn as one cluster: a marker
 * with its halo is 34 px across and a cluster's disc at most 38, so what stays apart never overlaps.
 * Clusters are made per whole zoom: between two zooms their records may be up to twice this apart.
 */
const CLUSTER_RADIUS_PX = 40;
/** A feature of the records source that is one record, not a cluster. */
const NOT_CLUSTER = ['!', ['has', 'point_count']] as const satisfies ExpressionSpecification;
export const COVERAGE_SOURCE = 'coverage';
export const COVERAGE_LAYER = 'coverage-unwalked';
export const TRACKS_SOURCE = 'tracks';
export const TRACKS_LAYER = 'track-lines';
export const POSITION_SOURCE = 'position';
export const POSITION_ACCURACY_LAYER = 'position-accuracy';
export const POSITION_LAYER = 'position-dot';
export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_LAYER = 'basemap';

/** The raster source and layer of a configured tile source; the layer goes under the grids. */
export function basemap(
  tiles: TileSource,
  origin: string,
): { source: RasterSourceSpecification; layer: RasterLayerSpecification } {
  return {
    source: {
      type: 'raster',
      tiles: [absoluteTileTemplate(tiles.url, origin)],
      tileSize: tiles.tileSize,
      // Past the offline download's deepest zoom the map enlarges those tiles instead of asking
      // for ones the device does not have.
      maxzoom: tiles.maxZoom,
    },
    layer: { id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE },
  };
}

/** A CSS custom property of the app's theme (base.css), so map colours match the record list. */
function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

const EMPTY = { type: 'FeatureCollection', features: [] } as const;

export function mapStyle(): StyleSpecification {
  const primary = themeColor('--c-primary', '#0b4f9c');
  return {
    version: 8,
    sources: {
      [GRIDS_SOURCE]: { type: 'geojson', data: EMPTY },
      [RECORDS_SOURCE]: {
        type: 'geojson',
        data: EMPTY,
        cluster: true,
        clusterRadius: CLUSTER_RADIUS_PX,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        // How many records of a cluster need attention: a cluster hides its records' halos, so it
        // wears a red ring instead when any of them has one.
        clusterProperties: { alerts: ['+', ['case', ['==', ['get', 'alert'], 'none'], 0, 1]] },
      },
      [COVERAGE_SOURCE]: { type: 'geojson', data: EMPTY },
      [TRACKS_SOURCE]: { type: 'geojson', data: EMPTY },
      [POSITION_SOURCE]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      {
        id: 'background',
        type: 'background',
        paint: { 'background-color': themeColor('--c-bg', '#f3f5f8') },
      },
      {
        id: GRID_FILL_LAYER,
        type: 'fill',
        source: GRIDS_SOURCE,
        paint: { 'fill-color': primary, 'fill-opacity': 0.08 },
      },
      {
        // 本周未巡查: the cells of the grid nobody walked this week (coverage.ts), hatched in amber.
        id: COVERAGE_LAYER,
        type: 'fill',
        source: COVERAGE_SOURCE,
        filter: ['==', ['get', 'covered'], false],
        paint: { 'fill-color': '#f5b400', 'fill-opacity': 0.22 },
      },
      {
        id: GRID_OUTLINE_LAYER,
        type: 'line',
        source: GRIDS_SOURCE,
        paint: { 'line-color': primary, 'line-width': 2 },
      },
      {
        // Patrol tracks of this week, the running one stronger; one line per segment (gaps stay gaps).
        id: TRACKS_LAYER,
        type: 'line',
        source: TRACKS_SOURCE,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['case', ['get', 'current'], '#0b8043', themeColor('--c-patrol', '#1565c0')],
          'line-width': ['case', ['get', 'current'], 5, 3],
          'line-opacity': ['case', ['get', 'current'], 0.95, 0.55],
        },
      },
      {
        // A halo under the point for what needs attention; the legend explains the colours.
        id: ALERTS_LAYER,
        type: 'circle',
        source: RECORDS_SOURCE,
        filter: ['all', NOT_CLUSTER, ['!=', ['get', 'alert'], 'none']],
        paint: {
          'circle-radius': 17,
          'circle-opacity': 0.35,
          'circle-color': [
            'match',
            ['get', 'alert'],
            'overdue',
            themeColor('--c-danger', '#b42318'),
            'riskRed',
            themeColor('--c-danger', '#b42318'),
            'riskOrange',
            '#e8710a',
            '#f5b400',
          ],
          'circle-stroke-width': ['match', ['get', 'alert'], 'overdue', 3, 0],
          'circle-stroke-color': themeColor('--c-danger', '#b42318'),
        },
      },
      {
        id: RECORDS_LAYER,
        type: 'circle',
        source: RECORDS_SOURCE,
        filter: NOT_CLUSTER,
        paint: {
          'circle-radius': 9,
          // Each kind's own colour (src/app/kinds/); grey for none, which no drawn record has.
          'circle-color': [
            'match',
            ['get', 'kind'],
            ...RECORD_KINDS.flatMap((kind) => {
              const { token, fallback } = APP_KINDS[kind].colour;
              return [kind, themeColor(token, fallback)];
            }),
            '#777777',
          ] as unknown as ExpressionSpecification, // a match built from a list: its labels and outputs alternate
          // The ring says what the chip says in the list: white when the server has it, coloured when not.
          'circle-stroke-color': [
            'match',
            ['get', 'syncState'],
            'pending',
            '#f5b400',
            'conflict',
            themeColor('--c-conflict', '#6b21a8'),
            'rejected',
            themeColor('--c-danger', '#b42318'),
            '#ffffff',
          ],
          'circle-stroke-width': ['match', ['get', 'syncState'], 'synced', 2, 4],
        },
      },
      {
        // Records too close to tell apart at this zoom, as one disc sized by how many; the count is
        // DOM text over it (cluster-counts.ts), since the style has no glyphs to draw text with.
        id: CLUSTERS_LAYER,
        type: 'circle',
        source: RECORDS_SOURCE,
        filter: ['has', 'point_count'],
        paint: {
          'circle-radius': ['step', ['get', 'point_count'], 15, 10, 17, 50, 19],
          'circle-color': primary,
          'circle-opacity': 0.9,
          'circle-stroke-color': [
            'case',
            ['>', ['get', 'alerts'], 0],
            themeColor('--c-danger', '#b42318'),
            '#ffffff',
          ],
          'circle-stroke-width': ['case', ['>', ['get', 'alerts'], 0], 4, 2],
        },
      },
      {
        id: POSITION_ACCURACY_LAYER,
        type: 'fill',
        source: POSITION_SOURCE,
        filter: ['==', ['get', 'role'], 'accuracy'],
        paint: { 'fill-color': '#1a73e8', 'fill-opacity': 0.15, 'fill-outline-color': '#1a73e8' },
      },
      {
        id: POSITION_LAYER,
        type: 'circle',
        source: POSITION_SOURCE,
        filter: ['==', ['get', 'role'], 'position'],
        paint: {
          'circle-radius': 8,
          'circle-color': '#1a73e8',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}
