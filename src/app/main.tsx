import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app';
import { restoreLocale } from './i18n/i18n';
import { startAppLock } from './lock/lock-state';
import { restoreActivePatrol } from './patrol/restore-active-patrol';
import { registerServiceWorker } from './pwa-update';
import { currentDb, restoreSession, session } from './status/session';
import { startSyncStatus } from './status/sync-status';
import './styles/base.css';
import './styles/components.css';
import './styles/screens.css';

/**
 * Pulled changes an older build kept for a newer app (opaque rows) become records once this build
 * reads them, with no re-pull: checked as each user's database opens. The pull module (zod) loads
 * only when there are such rows.
 */
function readOpaqueRecordsOnOpen(): void {
  effect(() => {
    const db = currentDb.value;
    if (!db) return;
    void db.opaqueRecords
      .count()
      .then(async (kept) => {
        if (kept === 0) return;
        const { readOpaqueRecords } = await import('../sync/sync-engine');
        await readOpaqueRecords(db);
      })
      .catch((error: unknown) => console.error('could not read the records kept for a newer app', error));
  });
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  await Promise.all([
    restoreLocale(),
    restoreSession().catch((error: unknown) => {
      // IndexedDB unavailable (some private modes): the user can still sign in; records cannot be kept.
      console.error('could not read the stored session', error);
      session.value = null;
    }),
  ]);
  await startAppLock().catch((error: unknown) => {
    // The lock's store unreadable: fail closed, as signed out; the user's data stays on the device.
    console.error('could not read the app lock', error);
    session.value = null;
  });
  startSyncStatus();
  readOpaqueRecordsOnOpen();
  restoreActivePatrol();
  render(<App />, root);
  void registerServiceWorker();
}

void start();
