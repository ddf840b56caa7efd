/**
 * The supervisor's map (区域总览, issue 13): each grid shaded by what stands there now — red when
 * anything is overdue, deeper with more; amber when only open; pale when clear — and the period's
 * events as heat from the figures API's coarse squares (counts only: the device never needs the
 * residents' records for it). Plain GeoJSON with no maplibre import, tested without WebGL.
 */
import type { GridFigures } from '../../domain/area-figures';
import type { HeatCell } from '../../domain/event-heat';
import type { LocalGrid } from '../../sync/local-db';
import { type FeatureCollection, gridFeatures } from './map-features';

export type GridShade = 'overdue' | 'open' | 'clear';

export interface ShadedGridProps {
  gridId: string;
  name: string;
  open: number;
  overdue: number;
  shade: GridShade;
}

export const shadeOf = (figures: Pick<GridFigures, 'open' | 'overdue'> | undefined): GridShade =>
  (figures?.overdue ?? 0) > 0 ? 'overdue' : (figures?.open ?? 0) > 0 ? 'open' : 'clear';

/** The grids with a boundary, each with its open and overdue counts and its shade. */
export function shadedGrids(
  grids: readonly LocalGrid[],
  figures: readonly GridFigures[],
): FeatureCollection<ShadedGridProps> {
  const byId = new Map(figures.map((grid) => [grid.gridId, grid]));
  const drawn = gridFeatures(grids);
  return {
    type: 'FeatureCollection',
    features: drawn.features.map((feature) => {
      const counts = byId.get(feature.properties.gridId);
      return {
        ...feature,
        properties: {
          ...feature.properties,
          open: counts?.open ?? 0,
          overdue: counts?.overdue ?? 0,
          shade: shadeOf(counts),
        },
      };
    }),
  };
}

/** The heat squares as points weighted by their count. */
export function heatPoints(cells: readonly HeatCell[]): FeatureCollection<{ count: number }> {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point', coordinates: cell.lngLat },
      properties: { count: cell.count },
    })),
  };
}
