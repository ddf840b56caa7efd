/**
 * The page's sync scheduler (src/sync/sync-scheduler.ts), running for a signed-in, unexpired
 * session, and what its passes report: whether one runs now and how the last one ended.
 *
 * The sync engine and scheduler are imported lazily: they carry zod and the protocol schemas,
 * which the home screen does not need to paint (budget: DESIGN.md, ≤ 80 KB gzipped JS).
 */
import { effect, signal } from '@preact/signals';
import type { RunSyncOutcome } from '../../sync/sync-runner';
import type { SyncScheduler } from '../../sync/sync-scheduler';
import { pageHttp } from './page-http';
import { askPersistentStorage } from './persistent-storage';
import { currentDb, restoreSession, session, syncingUserId } from './session';

export const lastOutcome = signal<RunSyncOutcome | undefined>(undefined);
export const syncing = signal(false);

let scheduler: SyncScheduler | undefined;

/** Asks for a sync pass (`save` is debounced by the scheduler). No-op while signed out or expired. */
export function requestSync(reason: string): void {
  scheduler?.request(reason);
}

/**
 * Grids missing on the device (a sign-in whose grid request failed) are fetched again after a pass
 * that reached the server. The page does it, not the runner the service worker shares: the grids
 * are for the screens, and their client loads only when needed (not with every cold start).
 */
async function refreshMissingGrids(): Promise<void> {
  const db = currentDb.value;
  const current = session.value;
  if (!db || !current || current.expired || (await db.grids.count()) > 0) return;
  const { refreshGrids } = await import('../../sync/grids-client');
  await refreshGrids(pageHttp, db, current.token);
}

function onOutcome(outcome: RunSyncOutcome): void {
  lastOutcome.value = outcome;
  if (outcome.status === 'ok') void refreshMissingGrids();
  // The runner marks the stored session expired on a 401 (or, on a remote wipe, deletes it with the
  // user's data); reflect it so the badge asks for a sign-in, or the login screen says why.
  if (outcome.status === 'unauthorized' || outcome.status === 'signed-out' || outcome.status === 'wiped')
    void restoreSession();
}

/** Runs the scheduler while a user can sync, and stops it at sign-out or expiry. Returns the stop. */
export function startPageScheduler(): () => void {
  return effect(() => {
    if (!syncingUserId.value) return;
    let cancelled = false;
    // The sync engine (with zod and every schema) loads after the first frame is painted: the home
    // list needs only the device database, and a cheap phone shows it sooner without the wait.
    void afterFirstPaint()
      .then(() => Promise.all([import('../../sync/sync-runner'), import('../../sync/sync-scheduler')]))
      .then(([{ runSync }, { startSyncScheduler }]) => {
        if (cancelled) return;
        scheduler = startSyncScheduler({
          run: () => runSync(pageHttp),
          onOutcome,
          onRunning: (running) => (syncing.value = running),
        });
      });
    void askPersistentStorage();
    return () => {
      cancelled = true;
      scheduler?.stop();
      scheduler = undefined;
      syncing.value = false;
    };
  });
}

/** Resolves once the browser has painted a frame (two animation frames), or at once where hidden. */
function afterFirstPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}
