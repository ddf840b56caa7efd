/**
 * Remote wipe (`npm run admin -- revoke-sessions --wipe`): the server answered a call with 401 and
 * `wipe: true`, so the device deletes everything it kept for that user — records (unsynced ones
 * too), the outbox, photos, drafts, running-patrol fixes, the reveal queue, grids and sync state —
 * plus the photos cached from the server, the user's PIN and the session, and leaves a notice for
 * the login screen. Other users' databases on a shared phone are left alone. Then it reports the
 * wipe (best effort: the server audits it; if the report is lost, the admin's row still stands).
 *
 * Order matters: data first, session last. A tab killed half-way still holds the session, so its
 * next call meets the same 401 and the wipe runs again; the other order could leave data behind
 * with no token left to learn about the wipe.
 */
import { type HttpDeps, requestJson } from './http';
import { openLocalDb } from './local-db';
import { forgetLock, leaveNotice } from './lock/lock-store';
import { PHOTO_CACHE_NAME } from './photo-cache';
import { clearSession } from './session-store';

export async function wipeUserData(userId: string, now = new Date()): Promise<void> {
  const db = openLocalDb(userId);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  // Cache Storage is per origin, not per user: the photo cache holds only server copies, so another
  // user of the phone loses nothing but a re-download.
  if (typeof caches !== 'undefined') await caches.delete(PHOTO_CACHE_NAME);
  await forgetLock(userId);
  await leaveNotice('wiped', now);
  await clearSession();
}

/** Tells the server the device did as asked (audited as `device.wiped`). Never throws. */
export async function reportWipe(deps: HttpDeps, token: string): Promise<void> {
  await requestJson(deps, '/api/auth/wiped', { method: 'POST', token });
}
