/**
 * The simplified track the server keeps past the retention: a subset of the fixes, each segment's
 * first and last kept, no dropped fix farther than the tolerance from the line kept, and 里程
 * (the sum of steps, as the phone measures it) within the allowed loss.
 */
import { describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../src/domain/patrol';
import { trackLengthM } from '../../src/domain/track-geometry';
import {
  pointsLengthM,
  simplifyPoints,
  simplifyTrack,
  TRACK_SIMPLIFY_DEFAULTS,
} from '../../src/domain/track-simplify';
import { walkedTrack } from '../support/walked-track';

const T0 = Date.parse('2026-11-26T00:30:00.000Z');
/** Metres east of 118.75°E at 32.22°N, in degrees of longitude. */
const east = (m: number) => 118.75 + m / (111_320 * Math.cos((32.22 * Math.PI) / 180));
const north = (m: number) => 32.22 + m / 110_574;

describe('simplifyPoints', () => {
  it('reduces a straight walk to its two ends', () => {
    const points: TrackPoint[] = Array.from({ length: 50 }, (_, i) => [
      east(i * 10),
      32.22,
      T0 + i * 10_000,
      8,
    ]);
    expect(simplifyPoints(points)).toEqual([points[0], points[49]]);
  });

  it('keeps a corner farther than the tolerance and drops a wobble within it', () => {
    const points: TrackPoint[] = [
      [east(0), north(0), T0, 5],
      [east(50), north(2), T0 + 10_000, 5], // 2 m off the line to the corner: dropped
      [east(100), north(0), T0 + 20_000, 5], // the corner: kept
      [east(100), north(100), T0 + 30_000, 5],
    ];
    expect(simplifyPoints(points)).toEqual([points[0], points[2], points[3]]);
  });

  it('keeps a segment raw when dropping fixes would shorten it by more than the allowed share', () => {
    // Standing still with GPS jitter of ±3 m: every fix within 5 m of the line, but the jitter is
    // nearly all of the segment's length, so simplifying would change 里程 a lot.
    const points: TrackPoint[] = Array.from({ length: 40 }, (_, i) => [
      east(i % 2 === 0 ? 0 : 3),
      north(i % 4 < 2 ? 0 : 3),
      T0 + i * 10_000,
      15,
    ]);
    const kept = simplifyPoints(points);
    expect(pointsLengthM(kept)).toBeGreaterThanOrEqual(pointsLengthM(points) * 0.99);
    expect(kept).toEqual(points);
  });

  it("on a patrol-day keeps each segment's ends, a subset of its fixes, and 里程 within 1 %", () => {
    const track = walkedTrack(T0);
    const simplified = simplifyTrack(track);
    expect(simplified.map((s) => s.id)).toEqual(track.map((s) => s.id));
    let kept = 0;
    for (const [i, segment] of simplified.entries()) {
      const raw = track[i]?.points ?? [];
      expect(segment.points[0]).toEqual(raw[0]);
      expect(segment.points.at(-1)).toEqual(raw.at(-1));
      const times = new Set(raw.map((p) => JSON.stringify(p)));
      for (const point of segment.points) expect(times.has(JSON.stringify(point))).toBe(true);
      kept += segment.points.length;
    }
    expect(kept).toBeLessThan(2880 / 4);
    // The phone's own measure of 里程 (sync/track-geometry.ts) agrees with the bound.
    expect(trackLengthM(simplified)).toBeGreaterThanOrEqual(trackLengthM(track) * 0.99);
    expect(trackLengthM(simplified)).toBeLessThanOrEqual(trackLengthM(track));
    expect(TRACK_SIMPLIFY_DEFAULTS).toEqual({ toleranceM: 5, maxLengthLoss: 0.01 });
  });

  it('keeps segments of one or two fixes as they are', () => {
    const one: TrackPoint[] = [[east(0), north(0), T0, 5]];
    const two: TrackPoint[] = [...one, [east(3), north(0), T0 + 10_000, 5]];
    expect(simplifyPoints(one)).toEqual(one);
    expect(simplifyPoints(two)).toEqual(two);
  });
});
