/**
 * One sync pass: push everything queued, then pull what changed. Page tabs and the service
 * worker share one Web Lock, so only one pass runs at a time on a device.
 *
 *   syncOnce ──lock──▶ push round ──▶ more queued? ──yes──▶ push round …   (push.ts: the next
 *                          │ no                                 batch leaves as the answer arrives)
 *                          ▼
 *                   send queued reveal audit entries (reveal-upload.ts)
 *                          │
 *                          ▼
 *                   upload photos (one at a time; a refused photo is skipped)
 *                          │
 *                          ▼
 *                      pull page ──▶ hasMore? ──yes──▶ pull page …   (what the push settled is
 *                          │ no                                 held already: skipped)
 *                          ▼
 *                   lastSyncAt = now ──▶ ok
 *   any network error ▶ offline · 401 ▶ unauthorized (nothing dropped; with `wipe`, the runner
 *   wipes the user's data) · 5xx/bad answer ▶ error
 */

import { getClientId } from './client-id';
import type { HttpDeps, HttpResult } from './http';
import type { LocalDb, SyncErrorInfo } from './local-db';
import { uploadPhotos } from './photo-upload';
import { pullAll } from './pull';
import { pushAll } from './push';
import { uploadReveals } from './reveal-upload';

// The app's start-up pass (main.tsx) loads it from here: with the engine it is one chunk, not two.
export { readOpaqueRecords } from './pull';

export const SYNC_LOCK_NAME = 'gridkeeper-sync';
/** Failures kept for the sync screen (the log outlives a later success; `lastSyncError` does not). */
export const SYNC_ERROR_LOG_SIZE = 20;
/** Bounds one pass's push requests, so a server that never settles a mutation cannot keep it spinning. */
const MAX_PUSH_ROUNDS = 100;

export interface SyncDeps extends HttpDeps {
  db: LocalDb;
  token: string;
  now?: () => Date;
}

export type SyncOutcome =
  /** `more`: edits made during the pass are still unsent (the pull gave way to them, or they came after the push); run again at once. */
  | { status: 'ok'; pushed: number; pulled: number; more?: true }
  | { status: 'offline'; error: string }
  /** `wipe`: the server asks the device to delete the user's local data (sync-runner.ts does). */
  | { status: 'unauthorized'; wipe?: true }
  /**
   * `reason`: `server` a 5xx or refusal, `protocol` an answer this app cannot read (the app may need
   * an update), `device` a failure on the phone itself (storage).
   */
  | { status: 'error'; error: string; reason: 'server' | 'protocol' | 'device' };

function failure(result: Exclude<HttpResult, { kind: 'ok' }>): SyncOutcome {
  if (result.kind === 'network-error') return { status: 'offline', error: result.message };
  if (result.status === 401)
    return result.wipe ? { status: 'unauthorized', wipe: true } : { status: 'unauthorized' };
  return { status: 'error', error: `${result.status} ${result.code}: ${result.message}`, reason: 'server' };
}

async function runPass(deps: SyncDeps): Promise<SyncOutcome> {
  const { db } = deps;
  const clientId = await getClientId(db);
  const queuedAtStart = await lastQueuedSeq(db);
  const push = await pushAll(deps, db, deps.token, clientId, MAX_PUSH_ROUNDS);
  if (push.kind === 'failed') return failure(push.result);
  if (push.kind === 'bad-response') return { status: 'error', error: push.message, reason: 'protocol' };
  const reveals = await uploadReveals(deps, db, deps.token, clientId);
  if (reveals.kind === 'failed') return failure(reveals.result);
  const photos = await uploadPhotos(deps, db, deps.token);
  if (photos.kind === 'failed') return failure(photos.result);
  // What the push just settled comes back in the pull: the device already holds it (push.ts).
  // Anything saved after this point is pushed before the pull goes on.
  const queuedBefore = await lastQueuedSeq(db);
  const pull = await pullAll(deps, db, deps.token, clientId, {
    held: push.held,
    yieldTo: async () => (await db.outbox.where('seq').above(queuedBefore).count()) > 0,
  });
  if (pull.kind === 'failed') return failure(pull.result);
  if (pull.kind === 'bad-response') return { status: 'error', error: pull.message, reason: 'protocol' };
  const outcome: SyncOutcome = { status: 'ok', pushed: push.sent, pulled: pull.pulled };
  if (pull.more || (await savedDuringPassUnsent(db, queuedAtStart))) outcome.more = true;
  return outcome;
}

async function lastQueuedSeq(db: LocalDb): Promise<number> {
  return ((await db.outbox.orderBy('seq').lastKey()) as number | undefined) ?? 0;
}

/**
 * A mutation queued after the pass began that it never sent (saved between the last push round
 * and the pull): run again at once rather than leave it to the next poll. Each pass counts only
 * what was queued during it, so a mutation held back (behind a conflict) asks for one pass, not a loop.
 */
async function savedDuringPassUnsent(db: LocalDb, queuedAtStart: number): Promise<boolean> {
  const unsent = await db.outbox
    .where('seq')
    .above(queuedAtStart)
    .filter((m) => m.state === 'pending' && m.attempts === 0)
    .count();
  return unsent > 0;
}

async function record(deps: SyncDeps, outcome: SyncOutcome): Promise<void> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  if (outcome.status === 'ok') {
    await deps.db.meta.put({ key: 'lastSyncAt', value: now });
    await deps.db.meta.delete('lastSyncError');
  } else {
    const value: SyncErrorInfo =
      outcome.status === 'unauthorized'
        ? { at: now, kind: 'unauthorized', message: 'unauthorized' }
        : {
            at: now,
            kind: outcome.status === 'offline' ? 'offline' : outcome.reason,
            message: outcome.error,
          };
    await deps.db.meta.put({ key: 'lastSyncError', value });
    const log = await deps.db.meta.get('syncErrorLog');
    const earlier = Array.isArray(log?.value) ? log.value : [];
    await deps.db.meta.put({ key: 'syncErrorLog', value: [value, ...earlier].slice(0, SYNC_ERROR_LOG_SIZE) });
  }
}

const running = new WeakMap<LocalDb, Promise<SyncOutcome>>();

/** Pushes then pulls once. Concurrent calls in one context share the pass in flight. */
export function syncOnce(deps: SyncDeps): Promise<SyncOutcome> {
  const inFlight = running.get(deps.db);
  if (inFlight) return inFlight;
  const pass = withSyncLock(async () => {
    let outcome: SyncOutcome;
    try {
      outcome = await runPass(deps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'error', error: message, reason: 'device' };
    }
    await record(deps, outcome);
    return outcome;
  }).finally(() => running.delete(deps.db));
  running.set(deps.db, pass);
  return pass;
}

/** Runs `work` under the device-wide sync lock where Web Locks exist (page and worker), else directly. */
function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (!locks) return work();
  return locks.request(SYNC_LOCK_NAME, work);
}
