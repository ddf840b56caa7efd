import { describe, expect, it } from 'vitest';
import { trackFeatures } from '../../../src/app/map/track-features';

describe('track features', () => {
  it('draws one line per segment, never one line across a gap, and marks start and end', () => {
    const features = trackFeatures([
      {
        id: 'a',
        points: [
          [1, 1, 0, 5],
          [1, 2, 1, 5],
        ],
      },
      { id: 'lone', points: [[3, 3, 2, 5]] },
      {
        id: 'b',
        points: [
          [5, 5, 3, 5],
          [5, 6, 4, 5],
          [5, 7, 5, 5],
        ],
      },
    ]).features;
    const lines = features.filter((f) => f.properties.role === 'line');
    expect(lines.map((f) => f.geometry)).toEqual([
      {
        type: 'LineString',
        coordinates: [
          [1, 1],
          [1, 2],
        ],
      },
      {
        type: 'LineString',
        coordinates: [
          [5, 5],
          [5, 6],
          [5, 7],
        ],
      },
    ]);
    expect(
      features.filter((f) => f.properties.role !== 'line').map((f) => [f.properties.role, f.geometry]),
    ).toEqual([
      ['start', { type: 'Point', coordinates: [1, 1] }],
      ['end', { type: 'Point', coordinates: [5, 7] }],
    ]);
  });
});
