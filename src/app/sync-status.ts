/**
 * The app's view of the session and of sync, as signals: who is signed in, whether the network
 * works, how many records wait for the server, when the last pass ran. It also owns the page's
 * sync scheduler (src/sync/sync-scheduler.ts), started for a signed-in, unexpired session.
 *
 * The sync engine, scheduler and auth client are imported lazily: they carry zod and the protocol
 * schemas, which the home screen does not need to paint (budget: DESIGN.md, ≤ 80 KB gzipped JS).
 */
import { computed, effect, signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import type { LoginResult } from '../sync/auth-client';
import type { HttpDeps } from '../sync/http';
import { countUnsynced, type LocalDb, openLocalDb, type SyncErrorInfo } from '../sync/local-db';
import { loadSession, type StoredSession } from '../sync/session-store';
import type { RunSyncOutcome } from '../sync/sync-runner';
import type { SyncScheduler } from '../sync/sync-scheduler';

/** `undefined` while the stored session is being read; `null` when nobody is signed in. */
export const session = signal<StoredSession | null | undefined>(undefined);
export const networkOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
export const lastOutcome = signal<RunSyncOutcome | undefined>(undefined);
export const syncing = signal(false);
export const unsyncedCount = signal(0);
export const lastSyncAt = signal<string | undefined>(undefined);
export const lastSyncError = signal<SyncErrorInfo | undefined>(undefined);
/** Recent sync failures, newest first. */
export const syncErrorLog = signal<SyncErrorInfo[]>([]);

/** The browser may claim a connection (Wi-Fi without internet, a captive portal); the last pass knows better. */
export const isOnline = computed(() => networkOnline.value && lastOutcome.value?.status !== 'offline');
export const sessionExpired = computed(() => session.value?.expired === true);
const activeUserId = computed(() => session.value?.user.id);
const syncingUserId = computed(() =>
  session.value && !session.value.expired ? session.value.user.id : undefined,
);

/** The signed-in user's device database. */
export const currentDb = computed<LocalDb | undefined>(() =>
  activeUserId.value ? openLocalDb(activeUserId.value) : undefined,
);

const http: HttpDeps = { fetch: (input, init) => globalThis.fetch(input, init), baseUrl: '' };
let scheduler: SyncScheduler | undefined;

/** Asks for a sync pass (`save` is debounced by the scheduler). No-op while signed out or expired. */
export function requestSync(reason: string): void {
  scheduler?.request(reason);
}

/** Reads the stored session; works offline. */
export async function restoreSession(): Promise<void> {
  session.value = (await loadSession()) ?? null;
}

/** Signs in (needs the network); on success the scheduler starts and syncs at once. */
export async function signIn(username: string, password: string): Promise<LoginResult> {
  const { login } = await import('../sync/auth-client');
  const result = await login(http, username, password);
  if (result.ok) {
    session.value = result.session;
    void askPersistentStorage();
  }
  return result;
}

/** Signs out. The user's database stays on the device; unsynced records upload after the next sign-in. */
export async function signOut(): Promise<void> {
  const { logout } = await import('../sync/auth-client');
  await logout(http);
  session.value = null;
}

/** Without this, the browser may evict IndexedDB under storage pressure — and unsynced records with it. */
async function askPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted()))
      await navigator.storage.persist();
  } catch {
    // Not granted or not supported: nothing else to do; the storage panel shows usage.
  }
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
  const { refreshGrids } = await import('../sync/grids-client');
  await refreshGrids(http, db, current.token);
}

function onOutcome(outcome: RunSyncOutcome): void {
  lastOutcome.value = outcome;
  if (outcome.status === 'ok') void refreshMissingGrids();
  // The runner marks the stored session expired on a 401 (or, on a remote wipe, deletes it with the
  // user's data); reflect it so the badge asks for a sign-in, or the login screen says why.
  if (outcome.status === 'unauthorized' || outcome.status === 'signed-out' || outcome.status === 'wiped')
    void restoreSession();
}

function watchDb(db: LocalDb): () => void {
  const subscriptions = [
    liveQuery(() => countUnsynced(db)).subscribe({ next: (n) => (unsyncedCount.value = n) }),
    liveQuery(() => db.meta.bulkGet(['lastSyncAt', 'lastSyncError', 'syncErrorLog'])).subscribe({
      next: ([at, error, log]) => {
        lastSyncAt.value = typeof at?.value === 'string' ? at.value : undefined;
        lastSyncError.value =
          typeof error?.value === 'object' && 'kind' in error.value ? error.value : undefined;
        syncErrorLog.value = Array.isArray(log?.value) ? log.value : [];
      },
    }),
  ];
  return () => {
    for (const s of subscriptions) s.unsubscribe();
  };
}

/** Wires network events, database watchers and the scheduler to the signals. Call once at start. */
export function startSyncStatus(): () => void {
  const setOnline = () => {
    networkOnline.value = navigator.onLine;
    // A stale "offline" outcome must not keep the badge red once the network is back.
    if (navigator.onLine && lastOutcome.value?.status === 'offline') lastOutcome.value = undefined;
  };
  globalThis.addEventListener('online', setOnline);
  globalThis.addEventListener('offline', setOnline);

  const stopDbWatch = effect(() => {
    const db = currentDb.value;
    if (!db) {
      unsyncedCount.value = 0;
      return;
    }
    return watchDb(db);
  });
  const stopScheduler = effect(() => {
    if (!syncingUserId.value) return;
    let cancelled = false;
    // The sync engine (with zod and every schema) loads after the first frame is painted: the home
    // list needs only the device database, and a cheap phone shows it sooner without the wait.
    void afterFirstPaint()
      .then(() => Promise.all([import('../sync/sync-runner'), import('../sync/sync-scheduler')]))
      .then(([{ runSync }, { startSyncScheduler }]) => {
        if (cancelled) return;
        scheduler = startSyncScheduler({
          run: () => runSync(http),
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
  return () => {
    globalThis.removeEventListener('online', setOnline);
    globalThis.removeEventListener('offline', setOnline);
    stopDbWatch();
    stopScheduler();
  };
}

/** Resolves once the browser has painted a frame (two animation frames), or at once where hidden. */
function afterFirstPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}
