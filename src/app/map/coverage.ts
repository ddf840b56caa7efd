/**
 * 巡查覆盖: a grid cut into square cells (about 50 m), each covered when a track point of the
 * period fell in it. The map shades the cells nobody walked, so a worker sees which part of the
 * grid is left; the share of covered cells is the 网格巡查覆盖率 KPI in place, not in households.
 * Pure and maplibre-free, so it is tested without WebGL.
 */
import type { FeatureCollection } from './map-features';

export interface CoverageProps {
  gridId: string;
  covered: boolean;
}

export interface GridCoverage {
  cells: FeatureCollection<CoverageProps>;
  /** Covered cells ÷ cells inside the grid, 0..1; undefined when the grid has no shape. */
  share: number | undefined;
}

const METRES_PER_DEGREE = 111_320;
/** A cell is about this wide: a stairwell-to-stairwell walk, fine enough to show a missed block. */
export const COVERAGE_CELL_M = 50;
/** More cells than this (a very large grid) and the cells grow, so the map stays light. */
const MAX_CELLS = 4_000;

type Ring = [number, number][];

function polygonsOf(geometry: unknown): Ring[][] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g?.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

/** Ray casting on the outer ring, holes excluded. */
function inside([x, y]: [number, number], polygons: Ring[][]): boolean {
  const inRing = (ring: Ring) => {
    let hit = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  };
  return polygons.some(([outer, ...holes]) => outer !== undefined && inRing(outer) && !holes.some(inRing));
}

/** The cells of one grid and which of them `points` ([lng, lat]) covered. */
export function gridCoverage(
  gridId: string,
  geometry: unknown,
  points: readonly (readonly [number, number])[],
  cellM: number = COVERAGE_CELL_M,
): GridCoverage {
  const polygons = polygonsOf(geometry);
  const all = polygons.flat(2);
  if (all.length === 0) return { cells: { type: 'FeatureCollection', features: [] }, share: undefined };
  const west = Math.min(...all.map((p) => p[0]));
  const east = Math.max(...all.map((p) => p[0]));
  const south = Math.min(...all.map((p) => p[1]));
  const north = Math.max(...all.map((p) => p[1]));
  const cosLat = Math.cos((((south + north) / 2) * Math.PI) / 180);
  let size = cellM;
  let dLat = size / METRES_PER_DEGREE;
  let dLng = size / (METRES_PER_DEGREE * cosLat);
  while (((east - west) / dLng) * ((north - south) / dLat) > MAX_CELLS) {
    size *= 1.5;
    dLat = size / METRES_PER_DEGREE;
    dLng = size / (METRES_PER_DEGREE * cosLat);
  }
  const columns = Math.ceil((east - west) / dLng);
  const rows = Math.ceil((north - south) / dLat);
  const walked = new Set<number>();
  for (const [lng, lat] of points) {
    const column = Math.floor((lng - west) / dLng);
    const row = Math.floor((lat - south) / dLat);
    if (column >= 0 && column < columns && row >= 0 && row < rows) walked.add(row * columns + column);
  }
  const features: FeatureCollection<CoverageProps>['features'] = [];
  let covered = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x0 = west + column * dLng;
      const y0 = south + row * dLat;
      if (!inside([x0 + dLng / 2, y0 + dLat / 2], polygons)) continue;
      const isCovered = walked.has(row * columns + column);
      if (isCovered) covered += 1;
      features.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x0, y0],
              [x0 + dLng, y0],
              [x0 + dLng, y0 + dLat],
              [x0, y0 + dLat],
              [x0, y0],
            ],
          ],
        },
        properties: { gridId, covered: isCovered },
      });
    }
  }
  return {
    cells: { type: 'FeatureCollection', features },
    share: features.length === 0 ? undefined : covered / features.length,
  };
}
