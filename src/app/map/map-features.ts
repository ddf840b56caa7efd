/**
 * What the map draws, as GeoJSON built from the device database: grid boundaries and located
 * records. Plain functions with no maplibre import, so they can be tested without WebGL.
 */

import { rulesOf } from '../../domain/kinds/index';
import type { RecordAttention } from '../../domain/kinds/kind-definition';
import type { RecordKind } from '../../domain/record-kinds';
import type { LocalGrid, LocalRecord, SyncState } from '../../sync/local-db';

/** `[west, south, east, north]` in degrees. */
export type LngLatBox = [number, number, number, number];

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: number; geometry: unknown; properties: P }[];
}

export interface GridProps {
  gridId: string;
  name: string;
}

export type GridCollection = FeatureCollection<GridProps>;
export type RecordCollection = FeatureCollection<RecordProps>;

export interface RecordProps {
  recordId: string;
  kind: RecordKind;
  syncState: SyncState;
  /** What needs attention, drawn as a halo: the most urgent of overdue, red/orange risk, open hazard. */
  alert: RecordAlert;
}

export type RecordAlert = RecordAttention;

/** The halo of a record at `now`: what its kind says needs attention most (domain/kinds/). */
export function recordAlert(row: LocalRecord, now: Date): RecordAlert {
  return rulesOf(row.record).attention(row.record.body, now);
}

function isGeometry(value: unknown): value is { type: string; coordinates: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value && 'coordinates' in value;
}

/** Grids with a boundary (a grid the server has no shape for is listed, not drawn). */
export function gridFeatures(grids: readonly LocalGrid[]): GridCollection {
  return {
    type: 'FeatureCollection',
    features: grids.flatMap((grid) =>
      isGeometry(grid.geometry)
        ? [
            {
              type: 'Feature' as const,
              geometry: grid.geometry,
              properties: { gridId: grid.id, name: grid.name },
            },
          ]
        : [],
    ),
  };
}

/** Where a record was taken, if the worker located it. */
export function recordLngLat(row: LocalRecord): [number, number] | undefined {
  const location = (row.record.body as { location?: { lngLat?: [number, number] } }).location;
  return location?.lngLat;
}

/** Live, located records of the chosen kind, one point each, with their alert at `now`. */
export function recordFeatures(
  rows: readonly LocalRecord[],
  kind: RecordKind | 'all',
  now: Date = new Date(),
): RecordCollection {
  const features = rows.flatMap((row) => {
    const lngLat = recordLngLat(row);
    if (!lngLat || row.record.deleted || (kind !== 'all' && row.kind !== kind)) return [];
    return [
      {
        type: 'Feature' as const,
        geometry: { type: 'Point', coordinates: lngLat },
        properties: {
          recordId: row.id,
          kind: row.kind,
          syncState: row.syncState,
          alert: recordAlert(row, now),
        },
      },
    ];
  });
  return { type: 'FeatureCollection', features };
}

function extendBox(box: LngLatBox | undefined, coordinates: unknown): LngLatBox | undefined {
  if (!Array.isArray(coordinates)) return box;
  const [lng, lat] = coordinates as unknown[];
  if (typeof lng === 'number' && typeof lat === 'number') {
    if (!box) return [lng, lat, lng, lat];
    return [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
  }
  let next = box;
  for (const inner of coordinates) next = extendBox(next, inner);
  return next;
}

/** The box around every grid and point in `collections`; undefined when there is nothing to show. */
export function boundsOf(...collections: FeatureCollection<unknown>[]): LngLatBox | undefined {
  let box: LngLatBox | undefined;
  for (const collection of collections)
    for (const feature of collection.features)
      box = extendBox(box, (feature.geometry as { coordinates?: unknown }).coordinates);
  return box;
}

export interface TrackLineProps {
  /** The patrol running on this device now (drawn stronger than past ones). */
  current: boolean;
  patrolId: string;
}

/** A patrol's track as the map reads it: segments of [lng, lat, …] points. */
type TrackOf = {
  patrolId: string;
  segments: readonly { id: string; points: readonly (readonly number[])[] }[];
};

/**
 * Patrol tracks started since `since`, and the running patrol's buffered fixes: one LineString per
 * segment, so a gap is never drawn as a line.
 */
export function trackLines(
  rows: readonly LocalRecord[],
  running: TrackOf | undefined,
  since: Date,
): FeatureCollection<TrackLineProps> {
  const tracks: (TrackOf & { current: boolean })[] = [];
  for (const row of rows) {
    if (row.kind !== 'patrol' || row.record.deleted || row.id === running?.patrolId) continue;
    const body = row.record.body as { startedAt?: string; track?: TrackOf['segments'] };
    if (!body.track || Date.parse(body.startedAt ?? '') < since.getTime()) continue;
    tracks.push({ patrolId: row.id, segments: body.track, current: false });
  }
  if (running) tracks.push({ ...running, current: true });
  const features = tracks.flatMap((track) =>
    track.segments
      .filter((segment) => segment.points.length >= 2)
      .map((segment) => ({
        type: 'Feature' as const,
        geometry: { type: 'LineString', coordinates: segment.points.map(([lng, lat]) => [lng, lat]) },
        properties: { current: track.current, patrolId: track.patrolId },
      })),
  );
  return { type: 'FeatureCollection', features };
}

/** Every [lng, lat] of the lines, for coverage. */
export function linePoints(lines: FeatureCollection<TrackLineProps>): [number, number][] {
  return lines.features.flatMap(
    (feature) => (feature.geometry as { coordinates: [number, number][] }).coordinates,
  );
}

export interface PositionProps {
  role: 'accuracy' | 'position';
}

/** The worker's position and a circle of its accuracy (a 32-gon, in degrees around the point). */
export function positionFeatures(
  position: { lngLat: [number, number]; accuracyM: number } | undefined,
): FeatureCollection<PositionProps> {
  if (!position) return { type: 'FeatureCollection', features: [] };
  const [lng, lat] = position.lngLat;
  const dLat = position.accuracyM / 111_320;
  const dLng = dLat / Math.cos((lat * Math.PI) / 180);
  const ring = Array.from({ length: 33 }, (_, i) => {
    const angle = (2 * Math.PI * (i % 32)) / 32;
    return [lng + dLng * Math.cos(angle), lat + dLat * Math.sin(angle)];
  });
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { role: 'accuracy' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lng, lat] },
        properties: { role: 'position' },
      },
    ],
  };
}
