/**
 * Reads (and, for two cases, writes) the signed-in user's device database from inside the page,
 * with plain IndexedDB — what the app itself stored, not what it shows.
 */
import type { Page } from 'playwright-core';
import type { GridRecord } from '../../../src/domain/record-envelope';
import type { TrackPointRow } from '../../../src/sync/local-db';

/**
 * Runs `work` (the source of `(db, request, arg) => …`) on the one `gridkeeper-u-*` database of the
 * page's origin. Sent as one expression through the DevTools protocol, so the app's CSP (no eval)
 * does not apply to it.
 */
function withDeviceDb<T>(page: Page, work: string, arg: unknown): Promise<T> {
  return page.evaluate(`(async () => {
    const name = (await indexedDB.databases()).find((d) => d.name?.startsWith('gridkeeper-u-'))?.name;
    if (!name) throw new Error('no device database yet');
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const request = (r) => new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      return await (${work})(db, request, ${JSON.stringify(arg)});
    } finally {
      db.close();
    }
  })()`) as Promise<T>;
}

/** The buffered GPS fixes of running patrols, in the order they were kept. */
export function bufferedTrackPoints(page: Page): Promise<TrackPointRow[]> {
  return withDeviceDb(
    page,
    `(db, request) => request(db.transaction('trackPoints').objectStore('trackPoints').getAll())`,
    null,
  );
}

/** The device's copy of one record, as the user sees it. */
export function deviceRecord(page: Page, id: string): Promise<GridRecord | undefined> {
  return withDeviceDb(
    page,
    `async (db, request, id) => (await request(db.transaction('records').objectStore('records').get(id)))?.record`,
    id,
  );
}

/** The running patrol's id, as the device keeps it across a killed tab. */
export function devicePatrolId(page: Page): Promise<string | undefined> {
  return withDeviceDb(
    page,
    `async (db, request) => (await request(db.transaction('meta').objectStore('meta').get('activePatrolId')))?.value`,
    null,
  );
}

/** The device's queued mutations: which record each changes and where it stands. */
export function deviceOutbox(
  page: Page,
): Promise<{ recordId: string; state: string; baseRev: number; attempts: number }[]> {
  return withDeviceDb(
    page,
    `async (db, request) => (await request(db.transaction('outbox').objectStore('outbox').getAll())).map(
      (m) => ({ recordId: m.recordId, state: m.state, baseRev: m.baseRev, attempts: m.attempts }))`,
    null,
  );
}

/**
 * Keeps `change` as an opaque row (src/sync/local-db.ts OpaqueRecord), as a build that could not
 * read it would have: for what this build does with it at start-up.
 */
export function putOpaqueRecord(page: Page, change: { id: string }): Promise<void> {
  return withDeviceDb(
    page,
    `(db, request, change) => request(db.transaction('opaqueRecords', 'readwrite').objectStore('opaqueRecords').put({ id: change.id, change }))`,
    change,
  );
}

/** The sync state the device shows on one record. */
export function deviceSyncState(page: Page, id: string): Promise<string | undefined> {
  return withDeviceDb(
    page,
    `async (db, request, id) => (await request(db.transaction('records').objectStore('records').get(id)))?.syncState`,
    id,
  );
}

/** How many rows each table of the device database holds. */
export function deviceTableCounts(page: Page): Promise<Record<string, number>> {
  return withDeviceDb(
    page,
    `async (db, request) => {
      const counts = {};
      for (const name of db.objectStoreNames) counts[name] = await request(db.transaction(name).objectStore(name).count());
      return counts;
    }`,
    null,
  );
}

/** Every row of one store of a small shared database (`gridkeeper-session`, `gridkeeper-lock`). */
export function sharedRows(page: Page, database: string, store: string): Promise<unknown[]> {
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(${JSON.stringify(database)});
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains(${JSON.stringify(store)})) return [];
      return await new Promise((resolve, reject) => {
        const all = db.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
    } finally {
      db.close();
    }
  })()`) as Promise<unknown[]>;
}

/** Every row of one store of the signed-in user's device database (the audit queue, the photos…). */
export function deviceRows<T>(page: Page, store: string): Promise<T[]> {
  return withDeviceDb(
    page,
    `async (db, request, store) => request(db.transaction(store).objectStore(store).getAll())`,
    store,
  );
}
