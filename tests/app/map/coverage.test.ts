import { describe, expect, it } from 'vitest';
import { gridCoverage } from '../../../src/app/map/coverage';

/** A square grid about 200 m × 200 m near 湖滨社区. */
const LAT = 32.216;
const DLAT = 200 / 111_320;
const DLNG = 200 / (111_320 * Math.cos((LAT * Math.PI) / 180));
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [118.77, LAT],
      [118.77 + DLNG, LAT],
      [118.77 + DLNG, LAT + DLAT],
      [118.77, LAT + DLAT],
      [118.77, LAT],
    ],
  ],
};

describe('patrol coverage of a grid', () => {
  it('cuts the grid into about 50 m cells and marks those a track point fell in', () => {
    const nobody = gridCoverage('g1', square, []);
    expect(nobody.cells.features.length).toBeGreaterThanOrEqual(14);
    expect(nobody.cells.features.length).toBeLessThanOrEqual(20);
    expect(nobody.share).toBe(0);

    // A walk along the southern edge, inside the grid: one row of cells.
    const walk: [number, number][] = Array.from({ length: 20 }, (_, i) => [
      118.77 + (DLNG * (i + 0.5)) / 20,
      LAT + DLAT / 10,
    ]);
    const south = gridCoverage('g1', square, walk);
    const covered = south.cells.features.filter((f) => f.properties.covered).length;
    expect(covered).toBe(Math.round(Math.sqrt(south.cells.features.length)));
    expect(south.share).toBeCloseTo(covered / south.cells.features.length);
  });

  it('ignores points outside the grid and cells outside an L-shaped grid', () => {
    const l = {
      type: 'Polygon',
      coordinates: [
        [
          [118.77, LAT],
          [118.77 + DLNG, LAT],
          [118.77 + DLNG, LAT + DLAT / 2],
          [118.77 + DLNG / 2, LAT + DLAT / 2],
          [118.77 + DLNG / 2, LAT + DLAT],
          [118.77, LAT + DLAT],
          [118.77, LAT],
        ],
      ],
    };
    const full = gridCoverage('g1', square, []).cells.features.length;
    const shaped = gridCoverage('g1', l, [[118.9, 32.3]]);
    expect(shaped.cells.features.length).toBeLessThan(full);
    expect(shaped.cells.features.length).toBeGreaterThan(full / 2);
    expect(shaped.share).toBe(0);
  });

  it('has no cells and no share for a grid without a shape', () => {
    expect(gridCoverage('g1', null, [[118.77, LAT]])).toEqual({
      cells: { type: 'FeatureCollection', features: [] },
      share: undefined,
    });
  });

  it('grows the cells of a huge grid so the map stays light', () => {
    const huge = {
      type: 'Polygon',
      coordinates: [
        [
          [118.5, 32.0],
          [118.9, 32.0],
          [118.9, 32.4],
          [118.5, 32.4],
          [118.5, 32.0],
        ],
      ],
    };
    expect(gridCoverage('g1', huge, []).cells.features.length).toBeLessThanOrEqual(4_000);
  });
});
