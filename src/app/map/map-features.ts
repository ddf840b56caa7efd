/**
 * What the map draws, as GeoJSON built from the device database: grid boundaries and located
 * records. Plain functions with no maplibre import, so they can be tested without WebGL.
 */
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

/** Live, located records of the chosen kind, one point each. */
export function recordFeatures(rows: readonly LocalRecord[], kind: RecordKind | 'all'): RecordCollection {
  const features = rows.flatMap((row) => {
    const lngLat = recordLngLat(row);
    if (!lngLat || row.record.deleted || (kind !== 'all' && row.kind !== kind)) return [];
    return [
      {
        type: 'Feature' as const,
        geometry: { type: 'Point', coordinates: lngLat },
        properties: { recordId: row.id, kind: row.kind, syncState: row.syncState },
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
