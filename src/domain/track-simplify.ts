/**
 * A track kept simplified once its raw points are past the server's retention (issue 15 item 6):
 * Douglas–Peucker within each segment, keeping each segment's first and last fix, so the patrol's
 * time span, its gaps and every segment's start and end stay as recorded.
 *
 * 里程 is measured on the device from the track (sync/track-geometry.ts: the sum of great-circle
 * steps within segments). Dropping points shortens that sum, so the simplification is bounded by
 * it: a segment whose simplified length would fall more than `maxLengthLoss` short of its raw
 * length is simplified again at half the tolerance, down to a floor, and kept raw past it. 时长 is
 * endedAt − startedAt and is not touched.
 */
import type { TrackPoint, TrackSegment } from './patrol';
import { EARTH_RADIUS_M, rad, trackLengthM } from './track-geometry';

export interface SimplifyOptions {
  /** Largest distance in metres a dropped fix may lie from the line kept (below typical GPS accuracy). */
  toleranceM: number;
  /** Largest share of a segment's length the simplification may lose (0.01 = 1 %). */
  maxLengthLoss: number;
}

export const TRACK_SIMPLIFY_DEFAULTS: SimplifyOptions = { toleranceM: 5, maxLengthLoss: 0.01 };

/** Below this tolerance a segment is kept as it is: nothing worth dropping is left. */
const MIN_TOLERANCE_M = 0.5;

/** Length of one segment's points in metres, as 里程 is measured (track-geometry.ts). */
export function pointsLengthM(points: readonly TrackPoint[]): number {
  return trackLengthM([{ points }]);
}

/** The segment's points simplified within the bounds of `options` (the same array when nothing could go). */
export function simplifyPoints(
  points: readonly TrackPoint[],
  options: SimplifyOptions = TRACK_SIMPLIFY_DEFAULTS,
): readonly TrackPoint[] {
  if (points.length <= 2) return points;
  const raw = pointsLengthM(points);
  for (let tolerance = options.toleranceM; tolerance >= MIN_TOLERANCE_M; tolerance /= 2) {
    const kept = douglasPeucker(points, tolerance);
    if (kept.length === points.length) return points;
    if (pointsLengthM(kept) >= raw * (1 - options.maxLengthLoss)) return kept;
  }
  return points;
}

/** Every segment simplified; ids kept, so devices' merges still match segments by id. */
export function simplifyTrack(
  track: readonly TrackSegment[],
  options: SimplifyOptions = TRACK_SIMPLIFY_DEFAULTS,
): TrackSegment[] {
  return track.map((segment) => ({ id: segment.id, points: [...simplifyPoints(segment.points, options)] }));
}

/**
 * Douglas–Peucker with an explicit stack (a 5,000-fix segment would recurse that deep), distances
 * on a local plane around the first fix: at a city's scale the error is far below a metre.
 */
function douglasPeucker(points: readonly TrackPoint[], toleranceM: number): TrackPoint[] {
  const first = points[0] as TrackPoint;
  const mPerLng = (Math.PI / 180) * EARTH_RADIUS_M * Math.cos(rad(first[1]));
  const mPerLat = (Math.PI / 180) * EARTH_RADIUS_M;
  const xy = points.map((p) => [(p[0] - first[0]) * mPerLng, (p[1] - first[1]) * mPerLat] as const);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  for (let span = stack.pop(); span; span = stack.pop()) {
    const [from, to] = span;
    let farthest = -1;
    let farthestM = toleranceM;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(xy[i] as Point, xy[from] as Point, xy[to] as Point);
      if (d > farthestM) {
        farthest = i;
        farthestM = d;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([from, farthest], [farthest, to]);
  }
  return points.filter((_, i) => keep[i] === 1);
}

type Point = readonly [number, number];

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t =
    lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
