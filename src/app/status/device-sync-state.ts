/**
 * What the signed-in user's device database says about sync, as signals: how many records wait for
 * the server, when the last full pass ran, and the recent failures. The database is the source, so
 * passes the service worker runs show here too.
 */
import { effect, signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { type CalendarYear, installCalendarYears } from '../../domain/work-calendar';
import { countUnsynced, type LocalDb, type SyncErrorInfo } from '../../sync/local-db';
import { currentDb } from './session';

export const unsyncedCount = signal(0);
export const lastSyncAt = signal<string | undefined>(undefined);
export const lastSyncError = signal<SyncErrorInfo | undefined>(undefined);
/** Recent sync failures, newest first. */
export const syncErrorLog = signal<SyncErrorInfo[]>([]);

/** Watches the current user's database, moving to the next one at a sign-in. Returns the stop. */
export function watchDeviceSyncState(): () => void {
  return effect(() => {
    const db = currentDb.value;
    if (!db) {
      unsyncedCount.value = 0;
      return;
    }
    return watchDb(db);
  });
}

function installSavedCalendar(value: unknown): void {
  if (typeof value !== 'string') return;
  try {
    installCalendarYears(JSON.parse(value) as CalendarYear[]);
  } catch (error) {
    // Checked when it was kept; a schedule that still contradicts itself changes no deadline.
    console.error('holiday schedule not installed', error);
  }
}

function watchDb(db: LocalDb): () => void {
  const subscriptions = [
    liveQuery(() => countUnsynced(db)).subscribe({ next: (n) => (unsyncedCount.value = n) }),
    // The holiday schedules the server sent with the grids: every deadline on screen counts on them.
    liveQuery(() => db.meta.get('calendarYears')).subscribe({
      next: (row) => installSavedCalendar(row?.value),
    }),
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
