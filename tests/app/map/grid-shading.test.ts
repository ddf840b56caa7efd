import { describe, expect, it } from 'vitest';
import { heatPoints, shadedGrids, shadeOf } from '../../../src/app/map/grid-shading';
import type { LocalGrid } from '../../../src/sync/local-db';

const square = (lng: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, 32.2],
      [lng + 0.01, 32.2],
      [lng + 0.01, 32.21],
      [lng, 32.21],
      [lng, 32.2],
    ],
  ],
});
const grid = (id: string, geometry: unknown) =>
  ({ id, name: id, communityName: '湖滨社区', geometry }) as LocalGrid;

describe('the supervisor’s map shading', () => {
  it('shades a grid by overdue first, then open, and clear when nothing stands', () => {
    expect(shadeOf({ open: 3, overdue: 1 })).toBe('overdue');
    expect(shadeOf({ open: 3, overdue: 0 })).toBe('open');
    expect(shadeOf({ open: 0, overdue: 0 })).toBe('clear');
    expect(shadeOf(undefined)).toBe('clear');
  });

  it('draws each grid with a boundary with its counts; a grid the figures do not name is clear', () => {
    const grids = [grid('a', square(118.7)), grid('b', square(118.72)), grid('c', null)];
    const shaded = shadedGrids(grids, [
      { gridId: 'a', open: 2, overdue: 2, patrols: 0 },
      { gridId: 'c', open: 1, overdue: 1, patrols: 0 },
    ]);
    expect(shaded.features.map((f) => f.properties)).toEqual([
      { gridId: 'a', name: 'a', open: 2, overdue: 2, shade: 'overdue' },
      { gridId: 'b', name: 'b', open: 0, overdue: 0, shade: 'clear' },
    ]);
  });

  it('turns the heat squares into weighted points, counts only', () => {
    const points = heatPoints([{ lngLat: [118.7, 32.2], count: 4 }]);
    expect(points.features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [118.7, 32.2] }, properties: { count: 4 } },
    ]);
  });
});
