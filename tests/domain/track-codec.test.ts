import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../src/domain/patrol';
import { decodeTrackPoints, encodeTrackPoints } from '../../src/domain/track-codec';
import { walkedTrack } from '../support/walked-track';

/** Points as track-recorder.ts keeps them: micro-degrees, integer ms, whole metres. */
const recordedPoint = fc
  .tuple(
    fc.integer({ min: -180_000_000, max: 180_000_000 }),
    fc.integer({ min: -90_000_000, max: 90_000_000 }),
    fc.integer({ min: 0, max: 2 ** 45 }),
    fc.integer({ min: 0, max: 100_000 }),
  )
  .map(([lng, lat, time, accuracy]): TrackPoint => [lng / 1e6, lat / 1e6, time, accuracy]);

describe('track codec', () => {
  it('gives back exactly the points it was given', () => {
    fc.assert(
      fc.property(fc.array(recordedPoint, { maxLength: 50 }), (points) => {
        const text = encodeTrackPoints(points);
        expect(text).toBeDefined();
        expect(decodeTrackPoints(text ?? '')).toEqual(points);
      }),
    );
  });

  it("stores a patrol-day's walk in under a quarter of its JSON", () => {
    for (const segment of walkedTrack(Date.parse('2026-11-26T00:30:00.000Z'))) {
      const text = encodeTrackPoints(segment.points) ?? '';
      expect(decodeTrackPoints(text)).toEqual(segment.points);
      expect(text.length).toBeLessThan(JSON.stringify(segment.points).length / 4);
    }
  });

  it('refuses points it could not give back exactly, instead of rounding them', () => {
    expect(encodeTrackPoints([[118.1234567, 32.1, 1, 5]])).toBeUndefined();
    expect(encodeTrackPoints([[118.1, 32.1, 1, 5.5]])).toBeUndefined();
    expect(encodeTrackPoints([[118.1, 32.1, 1.5, 5]])).toBeUndefined();
  });

  it('throws on text that is not an encoded segment, or is cut short', () => {
    const text = encodeTrackPoints([[118.748123, 32.227456, 1_764_117_000_000, 12]]) ?? '';
    expect(() => decodeTrackPoints('[[118.7,32.2,0,5]]')).toThrow(/p1:/);
    expect(() => decodeTrackPoints(text.slice(0, -1))).toThrow(/ends inside/);
    expect(() => decodeTrackPoints(`${text} `)).toThrow(/bad character/);
  });
});
