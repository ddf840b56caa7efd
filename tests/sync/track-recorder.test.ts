import { describe, expect, it } from 'vitest';
import { MAX_TRACK_POINTS_PER_SEGMENT, MAX_TRACK_SEGMENTS, type TrackSegment } from '../../src/domain/patrol';
import { distanceM, trackLengthM } from '../../src/domain/track-geometry';
import {
  type BufferedPoint,
  breakSegment,
  EMPTY_RECORDER,
  type Fix,
  GAP_MS,
  KEEP_EVERY_MS,
  type RecorderState,
  recordFix,
  resumeState,
  segmentsFrom,
  trackForRecord,
} from '../../src/sync/track-recorder';

const T0 = Date.parse('2026-11-27T01:00:00Z');
/** About 11 m of latitude. */
const STEP_LAT = 0.0001;

function ids() {
  let n = 0;
  return () => `seg-${++n}`;
}

/** Feeds fixes in order, collecting what was kept as the buffer would. */
function walk(fixes: Fix[], start: RecorderState = EMPTY_RECORDER, newId = ids()) {
  let state = start;
  const kept: BufferedPoint[] = [];
  const dropped: { fix: Fix; reason: string }[] = [];
  for (const fix of fixes) {
    const outcome = recordFix(state, fix, newId);
    state = outcome.state;
    if (outcome.kept) kept.push({ segmentId: outcome.segmentId, point: outcome.point });
    else dropped.push({ fix, reason: outcome.reason });
  }
  return { state, kept, dropped, segments: segmentsFrom(kept) };
}

/** A walk north along a street: one fix every `everyMs`, `STEP_LAT` apart. */
function street(count: number, from = 0, everyMs = 10_000, accuracyM = 10): Fix[] {
  return Array.from({ length: count }, (_, i) => ({
    lng: 118.7485,
    lat: 32.2265 + (from + i) * STEP_LAT,
    time: T0 + (from + i) * everyMs,
    accuracyM,
  }));
}

describe('track recorder', () => {
  it('keeps a steady walk as one segment, in order', () => {
    const { segments } = walk(street(6));
    expect(segments).toHaveLength(1);
    expect(segments[0]?.points.map((p) => p[2])).toEqual(street(6).map((f) => f.time));
  });

  it('drops a fix less accurate than 50 m and keeps the walk going around it', () => {
    const fixes = street(5);
    const bad = { ...fixes[2], lng: 118.76, accuracyM: 120 } as Fix;
    const { segments, dropped } = walk([...fixes.slice(0, 2), bad, ...fixes.slice(3)]);
    expect(dropped).toEqual([{ fix: bad, reason: 'inaccurate' }]);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.points.some((p) => p[0] === 118.76)).toBe(false);
  });

  it('skips jitter of a few metres while standing still, but keeps one fix every 30 s', () => {
    const standing: Fix[] = Array.from({ length: 10 }, (_, i) => ({
      lng: 118.7485 + (i % 2) * 0.00001,
      lat: 32.2265,
      time: T0 + i * 5_000,
      accuracyM: 8,
    }));
    const { kept, dropped } = walk(standing);
    expect(kept.map((k) => k.point[2])).toEqual([T0, T0 + KEEP_EVERY_MS]);
    expect(dropped.every((d) => d.reason === 'tooClose')).toBe(true);
  });

  it('starts a new segment after more than 60 s without a kept fix, and never joins them', () => {
    const before = street(4);
    const after = street(4, 4).map((f) => ({ ...f, time: f.time + GAP_MS + 1_000 }));
    const { segments } = walk([...before, ...after]);
    expect(segments.map((s) => s.points.length)).toEqual([4, 4]);
    expect(segments[0]?.id).not.toBe(segments[1]?.id);
  });

  it('treats exactly 60 s as no gap', () => {
    const fixes = [street(1)[0], { ...street(2)[1], time: T0 + GAP_MS }] as Fix[];
    expect(walk(fixes).segments).toHaveLength(1);
  });

  it('starts a new segment after the page was hidden, however short the pause', () => {
    const newId = ids();
    const first = walk(street(3), EMPTY_RECORDER, newId);
    const { segments } = walk(street(3, 3), breakSegment(first.state), newId);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.id).not.toBe(first.segments[0]?.id);
  });

  it('resumes after a killed tab in a new segment, counting on from the stored points', () => {
    const newId = ids();
    const before = walk(street(3), EMPTY_RECORDER, newId);
    const resumed = resumeState(before.kept);
    expect(resumed).toMatchObject({ segmentId: 'seg-1', segmentPoints: 3, broken: true });
    const after = walk(street(2, 3), resumed, newId);
    expect(segmentsFrom([...before.kept, ...after.kept]).map((s) => [s.id, s.points.length])).toEqual([
      ['seg-1', 3],
      ['seg-2', 2],
    ]);
  });

  it('continues a full segment in a new one that starts where it ended', () => {
    const state: RecorderState = {
      segmentId: 'seg-full',
      segmentPoints: MAX_TRACK_POINTS_PER_SEGMENT,
      last: [118.7485, 32.2265, T0, 5],
      broken: false,
    };
    const outcome = recordFix(state, { lng: 118.7485, lat: 32.2266, time: T0 + 10_000, accuracyM: 5 }, ids());
    expect(outcome).toMatchObject({ kept: true, newSegment: true, segmentId: 'seg-1' });
  });

  it('refuses a fix from before the last kept one, and nonsense coordinates', () => {
    const { state } = walk(street(2));
    expect(recordFix(state, { ...street(1)[0], lat: 33 } as Fix, ids())).toMatchObject({
      kept: false,
      reason: 'invalid',
    });
    expect(recordFix(state, { lng: 200, lat: 0, time: T0, accuracyM: 5 }, ids())).toMatchObject({
      kept: false,
      reason: 'invalid',
    });
  });

  it('rounds coordinates to six decimals and accuracy to whole metres', () => {
    const outcome = recordFix(
      EMPTY_RECORDER,
      { lng: 118.748512345, lat: 32.226598765, time: T0, accuracyM: 7.6 },
      ids(),
    );
    expect(outcome.kept && outcome.point).toEqual([118.748512, 32.226599, T0, 8]);
  });

  it('measures distance within segments only — a gap adds nothing', () => {
    expect(distanceM([118.7485, 32.2265], [118.7485, 32.2275])).toBeCloseTo(111.2, 0);
    const a: TrackSegment = {
      id: 'a',
      points: [
        [0, 0, 0, 5],
        [0, 0.001, 1, 5],
      ],
    };
    const b: TrackSegment = {
      id: 'b',
      points: [
        [1, 1, 2, 5],
        [1, 1.001, 3, 5],
      ],
    };
    expect(trackLengthM([a, b])).toBeCloseTo(2 * 111.2, 0);
  });

  it('merges the record’s segments with the buffer by id, the buffer winning', () => {
    const old: TrackSegment[] = [
      { id: 'a', points: [[0, 0, 0, 5]] },
      { id: 'b', points: [[0, 0, 1, 5]] },
    ];
    const buffered: TrackSegment[] = [
      {
        id: 'b',
        points: [
          [0, 0, 1, 5],
          [0, 0.001, 2, 5],
        ],
      },
    ];
    expect(trackForRecord(old, buffered)).toEqual([old[0], buffered[0]]);
  });

  it('keeps the longest segments, in recorded order, when there are more than the record may hold', () => {
    const many: TrackSegment[] = Array.from({ length: MAX_TRACK_SEGMENTS + 2 }, (_, i) => ({
      id: `s${i}`,
      points: Array.from(
        { length: i === 5 || i === 9 ? 1 : 2 },
        (_, j) => [0, 0, i * 10 + j, 5] as const,
      ).map((p) => [...p] as [number, number, number, number]),
    }));
    const kept = trackForRecord(undefined, many);
    expect(kept).toHaveLength(MAX_TRACK_SEGMENTS);
    expect(kept.map((s) => s.id)).not.toContain('s5');
    expect(kept.map((s) => s.id)).not.toContain('s9');
    expect(kept[0]?.id).toBe('s0');
  });
});
