/** Runs a sync pass for whoever is signed in. Shared by the page and the service worker. */
import { reportWipe, wipeUserData } from './device-wipe';
import type { HttpDeps } from './http';
import { openLocalDb } from './local-db';
import { loadSession, markSessionExpired } from './session-store';
import { type SyncOutcome, syncOnce } from './sync-engine';

/** `wiped`: an administrator's remote wipe deleted the user's local data and the session. */
export type RunSyncOutcome = SyncOutcome | { status: 'signed-out' } | { status: 'wiped' };

/**
 * Syncs the signed-in user's database. A 401 marks the session expired and keeps every record;
 * the outbox drains after the next sign-in — unless the 401 carries the remote-wipe marker: then
 * the user's local data is deleted (device-wipe.ts). Grids missing on the device (sign-in while the grid
 * request failed) are fetched again.
 */
export async function runSync(deps: HttpDeps): Promise<RunSyncOutcome> {
  const session = await loadSession();
  if (!session) return { status: 'signed-out' };
  if (session.expired) return { status: 'unauthorized' };
  const db = openLocalDb(session.user.id);
  const outcome = await syncOnce({ ...deps, db, token: session.token });
  if (outcome.status === 'unauthorized' && outcome.wipe) {
    await wipeUserData(session.user.id);
    await reportWipe(deps, session.token);
    return { status: 'wiped' };
  }
  if (outcome.status === 'unauthorized') await markSessionExpired();
  return outcome;
}
