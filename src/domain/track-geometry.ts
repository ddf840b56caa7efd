/**
 * Distances along a track. Apart from the recorder so screens that only measure a track do not
 * pull in the record schemas.
 */
import type { TrackPoint } from './patrol';

/** The mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Degrees to radians. */
export const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres between two `[lng, lat, …]` points (haversine). */
export function distanceM(a: readonly number[], b: readonly number[]): number {
  const [lng1 = 0, lat1 = 0] = a;
  const [lng2 = 0, lat2 = 0] = b;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a track in metres: within segments only — a gap adds nothing. */
export function trackLengthM(segments: readonly { points: readonly TrackPoint[] }[]): number {
  let total = 0;
  for (const { points } of segments) {
    for (let i = 1; i < points.length; i++) {
      const previous = points[i - 1];
      const point = points[i];
      if (previous && point) total += distanceM(previous, point);
    }
  }
  return total;
}
