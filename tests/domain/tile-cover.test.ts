import { describe, expect, it } from 'vitest';
import { type LngLatBox, tileAt, tilesCovering } from '../../src/domain/tile-cover';

/** 湖滨社区第一网格's neighbourhood, about 1.2 km × 0.9 km. */
const HUBIN: LngLatBox = [118.762, 32.212, 118.774, 32.22];

describe('tile math', () => {
  it('puts lngLat 0,0 at the centre of the world and the corners in the corner tiles', () => {
    expect(tileAt([0, 0], 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(tileAt([0.0001, -0.0001], 1)).toEqual({ z: 1, x: 1, y: 1 });
    expect(tileAt([-180, 85], 3)).toEqual({ z: 3, x: 0, y: 0 });
    // The far edge and the poles clamp onto the grid instead of running off it.
    expect(tileAt([180, -90], 3)).toEqual({ z: 3, x: 7, y: 7 });
    expect(tileAt([-180, 90], 3)).toEqual({ z: 3, x: 0, y: 0 });
  });

  it('finds the tile of a known place (湖滨 in Nanjing at zoom 12)', () => {
    // x = floor(298.768 / 360 · 4096) = 3399; y = floor((1 − ln(tan φ + sec φ) / π) / 2 · 4096)
    // with φ = 32.216° → (1 − 0.59433 / π) / 2 · 4096 = 1660.6.
    expect(tileAt([118.768, 32.216], 12)).toEqual({ z: 12, x: 3399, y: 1660 });
  });

  it('covers a box with every tile between its north-west and south-east corners', () => {
    const cover = tilesCovering([HUBIN], 16, 16, 3000);
    const nw = tileAt([HUBIN[0], HUBIN[3]], 16);
    const se = tileAt([HUBIN[2], HUBIN[1]], 16);
    expect(cover.tooMany).toBe(false);
    expect(cover.count).toBe((se.x - nw.x + 1) * (se.y - nw.y + 1));
    expect(cover.tiles).toContainEqual(nw);
    expect(cover.tiles).toContainEqual(se);
    expect(
      cover.tiles.every((tile) => tile.x >= nw.x && tile.x <= se.x && tile.y >= nw.y && tile.y <= se.y),
    ).toBe(true);
  });

  it('counts each zoom of the range, about four times as many tiles per zoom step', () => {
    const cover = tilesCovering([HUBIN], 12, 17, 3000);
    const perZoom = [12, 13, 14, 15, 16, 17].map((z) => cover.tiles.filter((tile) => tile.z === z).length);
    expect(perZoom.every((count) => count >= 1)).toBe(true);
    expect(perZoom.reduce((a, b) => a + b, 0)).toBe(cover.count);
    expect(perZoom[5]).toBeGreaterThan(perZoom[3] ?? 0);
  });

  it('lists a tile once when two grids share it', () => {
    const east: LngLatBox = [118.77, 32.212, 118.78, 32.22];
    const apart = tilesCovering([HUBIN], 15, 15, 3000).count + tilesCovering([east], 15, 15, 3000).count;
    const together = tilesCovering([HUBIN, east], 15, 15, 3000);
    expect(together.count).toBeLessThan(apart);
    const keys = together.tiles.map((tile) => `${tile.z}/${tile.x}/${tile.y}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses past the limit without listing the tiles', () => {
    const city: LngLatBox = [118.4, 31.9, 119.2, 32.6];
    const cover = tilesCovering([city], 12, 18, 3000);
    expect(cover.tooMany).toBe(true);
    expect(cover.tiles).toEqual([]);
    expect(cover.count).toBeGreaterThan(3000);
    const justOver = tilesCovering([HUBIN], 12, 17, tilesCovering([HUBIN], 12, 17, 3000).count - 1);
    expect(justOver.tooMany).toBe(true);
  });

  it('gives nothing for no grids', () => {
    expect(tilesCovering([], 12, 17, 3000)).toEqual({ tiles: [], count: 0, tooMany: false });
  });
});
