/**
 * Turns raw GPS fixes into track segments, purely (no clock, no storage, no ids of its own), so it
 * can be tested with synthetic walks and resumed after a killed tab from the last stored point.
 *
 *   fix ──► accuracy > MAX_ACCURACY_M? ── yes ──► dropped ('inaccurate')
 *            │ no
 *            ▼
 *   broken (page hidden / app closed) or > GAP_MS since the last kept fix
 *   or the segment is full? ── yes ──► kept, first point of a NEW segment
 *            │ no
 *            ▼
 *   < MIN_STEP_M from the last kept fix and < KEEP_EVERY_MS since it? ── yes ──► dropped ('tooClose')
 *            │ no
 *            ▼
 *   kept, appended to the current segment
 *
 * Segments are never joined: a map draws one line per segment, so a gap is never a straight line
 * across time nobody was tracked.
 */
import {
  MAX_TRACK_POINTS_PER_SEGMENT,
  MAX_TRACK_SEGMENTS,
  type TrackPoint,
  type TrackSegment,
} from '../domain/patrol';
import { distanceM } from '../domain/track-geometry';

/** A phone fix worse than this is a guess (cell towers, Wi-Fi): it would zig-zag the track. */
export const MAX_ACCURACY_M = 50;
/** Fixes closer than this to the last kept one are GPS jitter while standing still. */
export const MIN_STEP_M = 5;
/** …but one fix is kept at least this often, so standing at a door is not mistaken for a gap. */
export const KEEP_EVERY_MS = 30_000;
/** No kept fix for longer than this is a gap: the next fix starts a new segment. */
export const GAP_MS = 60_000;

export interface Fix {
  lng: number;
  lat: number;
  /** Epoch ms. */
  time: number;
  accuracyM: number;
}

/** What the recorder remembers between fixes; rebuilt from the last stored point after a reload. */
export interface RecorderState {
  segmentId: string | undefined;
  /** Points kept in the current segment. */
  segmentPoints: number;
  last: TrackPoint | undefined;
  /** The page was hidden or the app closed since the last kept fix: the next one starts a segment. */
  broken: boolean;
}

export type FixOutcome =
  | { kept: true; state: RecorderState; segmentId: string; point: TrackPoint; newSegment: boolean }
  | { kept: false; state: RecorderState; reason: 'inaccurate' | 'tooClose' | 'invalid' };

export const EMPTY_RECORDER: RecorderState = {
  segmentId: undefined,
  segmentPoints: 0,
  last: undefined,
  broken: false,
};

function validFix(fix: Fix): boolean {
  return (
    Number.isFinite(fix.lng) &&
    Number.isFinite(fix.lat) &&
    Math.abs(fix.lng) <= 180 &&
    Math.abs(fix.lat) <= 90 &&
    Number.isInteger(fix.time) &&
    fix.time >= 0 &&
    Number.isFinite(fix.accuracyM) &&
    fix.accuracyM >= 0
  );
}

/** Six decimals ≈ 10 cm: more digits only pretend to precision and bloat the record. */
const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/** Feeds one fix; `newId` makes the id of a new segment (uuidV7 in the app). */
export function recordFix(state: RecorderState, fix: Fix, newId: () => string): FixOutcome {
  if (!validFix(fix)) return { kept: false, state, reason: 'invalid' };
  if (fix.accuracyM > MAX_ACCURACY_M) return { kept: false, state, reason: 'inaccurate' };
  const point: TrackPoint = [round6(fix.lng), round6(fix.lat), fix.time, Math.round(fix.accuracyM)];
  const { last } = state;
  const gap = last === undefined || fix.time - last[2] > GAP_MS;
  const full = state.segmentPoints >= MAX_TRACK_POINTS_PER_SEGMENT;
  if (state.segmentId === undefined || state.broken || gap) {
    const segmentId = newId();
    return {
      kept: true,
      segmentId,
      point,
      newSegment: true,
      state: { segmentId, segmentPoints: 1, last: point, broken: false },
    };
  }
  if (last && fix.time < last[2]) return { kept: false, state, reason: 'invalid' };
  if (last && distanceM(last, point) < MIN_STEP_M && fix.time - last[2] < KEEP_EVERY_MS) {
    return { kept: false, state, reason: 'tooClose' };
  }
  if (full) {
    // A full segment continues in a new one that starts where it ended: no gap, so no lost line.
    const segmentId = newId();
    return {
      kept: true,
      segmentId,
      point,
      newSegment: true,
      state: { segmentId, segmentPoints: 1, last: point, broken: false },
    };
  }
  return {
    kept: true,
    segmentId: state.segmentId,
    point,
    newSegment: false,
    state: { ...state, segmentPoints: state.segmentPoints + 1, last: point },
  };
}

/** The page was hidden or the app closed: whatever comes next is a new segment. */
export function breakSegment(state: RecorderState): RecorderState {
  return state.segmentId === undefined ? state : { ...state, broken: true };
}

/** A stored point, as the device buffer keeps it (in the order kept). */
export interface BufferedPoint {
  segmentId: string;
  point: TrackPoint;
}

/**
 * The recorder state to continue from after a reload: the last stored point, and `broken`, because
 * the app was closed in between (nobody tracked that time).
 */
export function resumeState(points: readonly BufferedPoint[]): RecorderState {
  const last = points.at(-1);
  if (!last) return EMPTY_RECORDER;
  const segmentPoints = points.filter((p) => p.segmentId === last.segmentId).length;
  return { segmentId: last.segmentId, segmentPoints, last: last.point, broken: true };
}

/** Buffered points grouped into segments, in the order they were recorded. */
export function segmentsFrom(points: readonly BufferedPoint[]): TrackSegment[] {
  const segments: TrackSegment[] = [];
  const byId = new Map<string, TrackSegment>();
  for (const { segmentId, point } of points) {
    let segment = byId.get(segmentId);
    if (!segment) {
      segment = { id: segmentId, points: [] };
      byId.set(segmentId, segment);
      segments.push(segment);
    }
    segment.points.push(point);
  }
  return segments;
}

/**
 * The track as the record may hold it (MAX_TRACK_SEGMENTS): segments of the record and of the
 * buffer merged by id (the buffer's copy wins, it has every point), and — only past the limit — the
 * single-point segments dropped first (they draw nothing), then the shortest.
 */
export function trackForRecord(
  previous: readonly TrackSegment[] | undefined,
  buffered: readonly TrackSegment[],
): TrackSegment[] {
  const fresh = new Map(buffered.map((s) => [s.id, s]));
  const merged = [
    ...(previous ?? []).filter((s) => !fresh.has(s.id)),
    ...buffered.map((s) => ({ id: s.id, points: s.points.slice(0, MAX_TRACK_POINTS_PER_SEGMENT) })),
  ];
  if (merged.length <= MAX_TRACK_SEGMENTS) return merged;
  const keep = new Set(
    [...merged]
      .sort((a, b) => b.points.length - a.points.length)
      .slice(0, MAX_TRACK_SEGMENTS)
      .map((s) => s.id),
  );
  return merged.filter((s) => keep.has(s.id));
}
