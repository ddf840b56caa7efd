import { describe, expect, it } from 'vitest';
import { gridBoxes, offlinePlan } from '../../../src/app/map/offline-plan';
import type { TileSource } from '../../../src/domain/map-config';
import { tileAt } from '../../../src/domain/tile-cover';
import type { LocalGrid } from '../../../src/sync/local-db';

function squareGrid(id: string, west: number, south: number, size: number): LocalGrid {
  const [east, north] = [west + size, south + size];
  return {
    id,
    name: id,
    communityName: '湖滨社区',
    streetName: '大厂街道',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  } as LocalGrid;
}

const TILES: TileSource = {
  url: '/tiles/{z}/{x}/{y}.png',
  type: 'raster',
  minZoom: 12,
  maxZoom: 17,
  attribution: '',
  tileSize: 256,
};
const ORIGIN = 'https://gridkeeper.example.org';

describe('the offline map plan', () => {
  it('takes one box per grid and skips grids without a boundary', () => {
    const noShape = { ...squareGrid('none', 0, 0, 1), geometry: null } as LocalGrid;
    expect(gridBoxes([squareGrid('a', 118.5, 32.25, 0.25), noShape])).toEqual([[118.5, 32.25, 118.75, 32.5]]);
  });

  it('lists absolute URLs of every zoom from the minimum to the chosen one, each once', () => {
    const grid = squareGrid('a', 118.765, 32.2135, 0.006);
    const plan = offlinePlan([grid, grid], TILES, 16, ORIGIN);
    expect(plan.tooMany).toBe(false);
    expect(plan.urls).toHaveLength(plan.count);
    expect(new Set(plan.urls).size).toBe(plan.urls.length);
    const centre = tileAt([118.768, 32.216], 12);
    expect(plan.urls).toContain(`${ORIGIN}/tiles/12/${centre.x}/${centre.y}.png`);
    expect(plan.urls.some((url) => url.includes('/tiles/16/'))).toBe(true);
    expect(plan.urls.some((url) => url.includes('/tiles/17/'))).toBe(false);
  });

  it('does not pay for the land between two far-apart grids', () => {
    const west = squareGrid('w', 118.6, 32.2, 0.005);
    const east = squareGrid('e', 118.9, 32.2, 0.005);
    const both = offlinePlan([west, east], TILES, 17, ORIGIN);
    expect(both.tooMany).toBe(false);
    expect(both.count).toBe(
      offlinePlan([west], TILES, 17, ORIGIN).count + offlinePlan([east], TILES, 17, ORIGIN).count,
    );
  });

  it('refuses a download above 3,000 tiles', () => {
    // About 20 km across: some 6,000 tiles at zoom 17 alone, about 110 at zoom 14.
    const street = squareGrid('s', 118.6, 32.1, 0.2);
    const plan = offlinePlan([street], TILES, 17, ORIGIN);
    expect(plan.tooMany).toBe(true);
    expect(plan.urls).toEqual([]);
    expect(offlinePlan([street], TILES, 14, ORIGIN).tooMany).toBe(false);
  });
});
