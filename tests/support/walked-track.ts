/**
 * A worker's GPS track for one patrol-day, deterministic: 8 h at one point per 10 s (2,880 points),
 * in a few segments, as track-recorder.ts keeps them (degrees rounded to 6 places, accuracy in
 * whole metres). Used by bench/track-storage.ts and the db-size test.
 */
import { randomUUID } from 'node:crypto';
import type { TrackSegment } from '../../src/domain/patrol';

export const HOURS = 8;
const POINT_EVERY_S = 10;
export const POINTS_PER_DAY = (HOURS * 3600) / POINT_EVERY_S;
/** Segments a day splits into (lunch, a basement, the app in the background). */
const SEGMENTS = 4;

/** A walk at about 1.2 m/s with a wandering heading, rounded as track-recorder.ts rounds fixes. */
export function walkedTrack(
  startMs: number,
  points = POINTS_PER_DAY,
  random = mulberry32(7),
): TrackSegment[] {
  const perSegment = Math.ceil(points / SEGMENTS);
  const segments: TrackSegment[] = [];
  let [lng, lat] = [118.7481, 32.2274];
  let heading = random() * 2 * Math.PI;
  for (let made = 0, s = 0; made < points; s++) {
    const segment: TrackSegment = { id: randomUUID(), points: [] };
    for (let k = 0; k < perSegment && made < points; k++, made++) {
      heading += (random() - 0.5) * 0.6;
      const stepM = 12 * (0.5 + random());
      lng += (stepM * Math.cos(heading)) / (111_320 * Math.cos((lat * Math.PI) / 180));
      lat += (stepM * Math.sin(heading)) / 110_540;
      const time = startMs + (made + s * 30) * POINT_EVERY_S * 1000;
      const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
      segment.points.push([round6(lng), round6(lat), time, Math.round(4 + random() * 20)]);
    }
    segments.push(segment);
  }
  return segments;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
