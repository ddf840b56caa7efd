/**
 * Web-Mercator XYZ tile math for the offline map download: which tiles cover a set of boxes over
 * a range of zooms. Coordinates are lngLat; tiles are `{ z, x, y }` as in XYZ URLs (y down).
 */

/** `[west, south, east, north]` in degrees. */
export type LngLatBox = readonly [number, number, number, number];

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator stops here; beyond it y would run off the tile grid. */
const MAX_MERCATOR_LAT = 85.0511287798066;

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The tile at zoom `z` that holds the point `lngLat`. */
export function tileAt(lngLat: readonly [number, number], z: number): TileId {
  const tiles = 2 ** z;
  const lat = (clamp(lngLat[1], -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * Math.PI) / 180;
  const x = Math.floor(((lngLat[0] + 180) / 360) * tiles);
  const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * tiles);
  return { z, x: clamp(x, 0, tiles - 1), y: clamp(y, 0, tiles - 1) };
}

interface TileRange {
  z: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function rangeOf(box: LngLatBox, z: number): TileRange {
  const northWest = tileAt([box[0], box[3]], z);
  const southEast = tileAt([box[2], box[1]], z);
  return { z, minX: northWest.x, maxX: southEast.x, minY: northWest.y, maxY: southEast.y };
}

export interface TileCover {
  /** Every tile once, zoom by zoom from `minZoom`; empty when `tooMany`. */
  tiles: TileId[];
  /** The number of distinct tiles, or (when `tooMany`) an upper bound: overlaps counted twice. */
  count: number;
  tooMany: boolean;
}

/**
 * The tiles covering `boxes` at zooms `minZoom..maxZoom`, each once even where boxes overlap.
 * Gives up (tooMany) past `limit` tiles before listing them, so a city-wide box at zoom 18 costs
 * nothing but the arithmetic.
 */
export function tilesCovering(
  boxes: readonly LngLatBox[],
  minZoom: number,
  maxZoom: number,
  limit: number,
): TileCover {
  const ranges: TileRange[] = [];
  for (let z = minZoom; z <= maxZoom; z++) for (const box of boxes) ranges.push(rangeOf(box, z));
  const upperBound = ranges.reduce(
    (sum, range) => sum + (range.maxX - range.minX + 1) * (range.maxY - range.minY + 1),
    0,
  );
  if (upperBound > limit * 4) return { tiles: [], count: upperBound, tooMany: true };
  const seen = new Set<string>();
  const tiles: TileId[] = [];
  for (const range of ranges)
    for (let x = range.minX; x <= range.maxX; x++)
      for (let y = range.minY; y <= range.maxY; y++) {
        const key = `${range.z}/${x}/${y}`;
        if (seen.has(key)) continue;
        seen.add(key);
        tiles.push({ z: range.z, x, y });
      }
  if (tiles.length > limit) return { tiles: [], count: tiles.length, tooMany: true };
  return { tiles, count: tiles.length, tooMany: false };
}
