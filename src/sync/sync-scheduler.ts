/**
 * Page-side sync triggers, funnelled into one `run`: app start, after a save (debounced), `online`,
 * the page becoming visible, and a timer while visible — a minute after success, backing off with
 * jitter from 5 s to 5 min after failures. It also asks the service worker for a background `sync`
 * (Chromium), which fires when the network returns even if the page is gone.
 */
import type { RunSyncOutcome } from './sync-runner';
import { SYNC_TAG } from './sync-tag';

export const SAVE_DEBOUNCE_MS = 1_000;
export const MIN_BACKOFF_MS = 5_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
export const IDLE_INTERVAL_MS = 60_000;

export interface SyncScheduler {
  /** Asks for a pass soon; `save` is debounced, everything else runs at once. */
  request(reason: string): void;
  stop(): void;
}

export interface SchedulerOptions {
  run: () => Promise<RunSyncOutcome>;
  onOutcome?: (outcome: RunSyncOutcome) => void;
  onRunning?: (running: boolean) => void;
  /** Injected for tests; default: the real timers and Math.random. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
}

/** The delay before retry `attempt` (1-based): 5 s doubling to 5 min, ±20 % jitter. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MIN_BACKOFF_MS * 2 ** Math.max(attempt - 1, 0), MAX_BACKOFF_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Registers a one-off background sync where the browser has it (Chromium); elsewhere a no-op. */
export async function requestBackgroundSync(): Promise<void> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return;
  try {
    const registration = (await container.ready) as ServiceWorkerRegistration & {
      sync?: { register(tag: string): Promise<void> };
    };
    await registration.sync?.register(SYNC_TAG);
  } catch {
    // Background Sync refused (permission, unsupported): the page-side triggers still run.
  }
}

interface VisibilitySource {
  visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export function startSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  let timer: unknown;
  /** When the pending timer fires (Date.now() based), so a pass ending never delays a sooner one. */
  let dueAt = 0;
  let failures = 0;
  let running = false;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (timer !== undefined) clearTimer(timer);
    dueAt = Date.now() + ms;
    timer = setTimer(() => {
      timer = undefined;
      void pass();
    }, ms);
  };
  // After a pass: the next poll or retry, unless a save made during the pass already set a sooner
  // one (its debounce must not become a minute's wait for the idle poll).
  const scheduleAfterPass = (ms: number) => {
    if (timer !== undefined && dueAt <= Date.now() + ms) return;
    schedule(ms);
  };

  const pass = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    options.onRunning?.(true);
    let outcome: RunSyncOutcome;
    try {
      outcome = await options.run();
    } catch (error) {
      outcome = { status: 'error', error: String(error), reason: 'device' };
    }
    running = false;
    options.onRunning?.(false);
    options.onOutcome?.(outcome);
    if (stopped) return;
    if (again || (outcome.status === 'ok' && outcome.more)) {
      again = false;
      schedule(0);
      return;
    }
    if (outcome.status === 'ok') {
      failures = 0;
      scheduleAfterPass(IDLE_INTERVAL_MS);
    } else if (outcome.status === 'offline' || outcome.status === 'error') {
      failures += 1;
      scheduleAfterPass(backoffDelayMs(failures, random));
      void requestBackgroundSync();
    }
    // unauthorized / signed-out: wait for a sign-in to call request().
  };

  // The scheduler is page-side, but this folder is also compiled for the worker, which has no document.
  const doc = (globalThis as { document?: VisibilitySource }).document;
  const onOnline = () => scheduler.request('online');
  const onVisible = () => {
    if (doc?.visibilityState === 'visible') scheduler.request('visible');
  };
  globalThis.addEventListener?.('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisible);

  const scheduler: SyncScheduler = {
    request(reason) {
      if (stopped) return;
      if (reason === 'save') {
        void requestBackgroundSync();
        schedule(SAVE_DEBOUNCE_MS);
      } else {
        failures = reason === 'online' || reason === 'signin' ? 0 : failures;
        schedule(0);
      }
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      globalThis.removeEventListener?.('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisible);
    },
  };
  scheduler.request('start');
  return scheduler;
}
