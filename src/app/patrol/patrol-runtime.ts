/**
 * What runs while a patrol is on (巡查中), on every screen: the GPS watch feeding the track recorder
 * and the device buffer, the screen wake lock, and the signals the banner and the patrol screen
 * show. Loaded lazily, only while a patrol runs.
 */
import { signal } from '@preact/signals';
import { distanceM, trackLengthM } from '../../domain/track-geometry';
import type { LocalDb } from '../../sync/local-db';
import { bufferedPoints, bufferPoint } from '../../sync/patrol-session';
import {
  breakSegment,
  MAX_ACCURACY_M,
  type RecorderState,
  recordFix,
  resumeState,
  segmentsFrom,
} from '../../sync/track-recorder';
import { uuidV7 } from '../../sync/uuid-v7';

export type GpsState = 'waiting' | 'ok' | 'weak' | 'denied' | 'unavailable' | 'unsupported';
export type WakeLockState = 'pending' | 'active' | 'unsupported' | 'refused';

export const gps = signal<{ state: GpsState; accuracyM?: number }>({ state: 'waiting' });
export const wakeLock = signal<WakeLockState>('pending');
export const trackStats = signal({ distanceM: 0, points: 0, segments: 0 });

/** No fix for this long while visible: the signal is weak (indoors, a stairwell). */
const SILENT_MS = 30_000;

interface Runtime {
  patrolId: string;
  stop: () => void;
  retryGps: () => void;
  /** Settles when every kept fix is in the buffer. */
  flushed: () => Promise<void>;
}

let running: Runtime | undefined;

/** Asks for the GPS again (after the worker allowed location in the settings). */
export function retryGps(): void {
  running?.retryGps();
}

/** Starts recording for `patrolId` (once; a second call for the same patrol is a no-op). */
export function runPatrol(db: LocalDb, patrolId: string): () => void {
  if (running?.patrolId === patrolId) return running.stop;
  running?.stop();

  let stopped = false;
  let recorder: RecorderState | undefined;
  let pendingFixes: GeolocationPosition[] = [];
  let writes = Promise.resolve();
  let watchId: number | undefined;
  let silentTimer: ReturnType<typeof setTimeout> | undefined;
  let sentinel: WakeLockSentinel | undefined;

  gps.value = { state: 'waiting' };
  wakeLock.value = 'pending';

  const markSilent = () => {
    clearTimeout(silentTimer);
    silentTimer = setTimeout(() => {
      if (gps.value.state === 'ok' || gps.value.state === 'waiting')
        gps.value = { ...gps.value, state: 'weak' };
    }, SILENT_MS);
  };

  const take = (position: GeolocationPosition) => {
    if (!recorder) {
      pendingFixes.push(position);
      return;
    }
    const { coords } = position;
    gps.value = {
      state: coords.accuracy > MAX_ACCURACY_M ? 'weak' : 'ok',
      accuracyM: Math.round(coords.accuracy),
    };
    markSilent();
    // The time the page got the fix: with maximumAge 0 it is the fix's own time, and it is the same
    // clock that measures gaps and the hidden page.
    const fix = { lng: coords.longitude, lat: coords.latitude, time: Date.now(), accuracyM: coords.accuracy };
    const previous = recorder.last;
    const outcome = recordFix(recorder, fix, () => uuidV7());
    recorder = outcome.state;
    if (!outcome.kept) return;
    const stats = trackStats.value;
    trackStats.value = {
      distanceM: stats.distanceM + (!outcome.newSegment && previous ? distanceM(previous, outcome.point) : 0),
      points: stats.points + 1,
      segments: stats.segments + (outcome.newSegment ? 1 : 0),
    };
    const kept = { segmentId: outcome.segmentId, point: outcome.point };
    writes = writes
      .then(() => bufferPoint(db, patrolId, kept))
      .catch((error: unknown) => {
        console.error('could not keep a track point', error);
      });
  };

  const watch = () => {
    if (!('geolocation' in navigator)) {
      gps.value = { state: 'unsupported' };
      return;
    }
    if (watchId !== undefined) navigator.geolocation.clearWatch(watchId);
    watchId = navigator.geolocation.watchPosition(
      take,
      (failure) => {
        if (failure.code === failure.PERMISSION_DENIED) gps.value = { state: 'denied' };
        else if (gps.value.state !== 'ok') gps.value = { state: 'unavailable' };
      },
      { enableHighAccuracy: true, maximumAge: 0 },
    );
    markSilent();
  };

  const lockScreen = async () => {
    if (!('wakeLock' in navigator)) {
      wakeLock.value = 'unsupported';
      return;
    }
    if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await navigator.wakeLock.request('screen');
      if (stopped) {
        void sentinel.release();
        return;
      }
      wakeLock.value = 'active';
      // The browser drops the lock when the page is hidden; visibilitychange asks again.
      sentinel.addEventListener('release', () => {
        if (!stopped && wakeLock.value === 'active') wakeLock.value = 'pending';
      });
    } catch {
      // Refused (battery saver, a browser policy): the worker must know the track may break.
      wakeLock.value = 'refused';
    }
  };

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      // Hidden pages get no fixes on phones: whatever comes next is a new segment.
      if (recorder) recorder = breakSegment(recorder);
      clearTimeout(silentTimer);
    } else {
      void lockScreen();
      markSilent();
    }
  };

  void bufferedPoints(db, patrolId).then((points) => {
    if (stopped) return;
    const segments = segmentsFrom(points);
    trackStats.value = {
      distanceM: trackLengthM(segments),
      points: points.length,
      segments: segments.length,
    };
    recorder = resumeState(points);
    const early = pendingFixes;
    pendingFixes = [];
    for (const position of early) take(position);
  });
  watch();
  void lockScreen();
  document.addEventListener('visibilitychange', onVisibility);

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (watchId !== undefined) navigator.geolocation.clearWatch(watchId);
    clearTimeout(silentTimer);
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release();
    if (running?.patrolId === patrolId) running = undefined;
  };
  running = { patrolId, stop, retryGps: watch, flushed: () => writes };
  return stop;
}

/** Stops recording and waits until every kept fix is in the buffer (before 结束巡查 reads it). */
export async function stopPatrolRuntime(): Promise<void> {
  const current = running;
  current?.stop();
  await current?.flushed();
}
