/**
 * The service worker: precaches the whole app shell so the app opens with no network, serves
 * index.html for client-side routes, keeps a capped cache of photos fetched from the server, and runs the same sync pass as the page when Chromium fires
 * a background `sync`. Workbox's BackgroundSync queue is deliberately not used to hold data: it
 * drops entries on 5xx and after 7 days (DESIGN.md); the outbox lives in Dexie.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, type StrategyOptions } from 'workbox-strategies';
import { runSync } from '../src/sync/sync-runner';
import { SYNC_TAG } from '../src/sync/sync-tag';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

/** Chromium's Background Sync event (not in TypeScript's WebWorker lib). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

/** Photos of other people's records, as fetched from the server; at most this many are kept. */
const PHOTO_CACHE_MAX_ENTRIES = 300;
// The cast: Workbox's plugin classes do not type-check under exactOptionalPropertyTypes
// (https://github.com/GoogleChrome/workbox/issues/3141); the object is a valid plugin at run time.
type WorkboxPlugin = NonNullable<StrategyOptions['plugins']>[number];
const photoExpiry = new ExpirationPlugin({
  maxEntries: PHOTO_CACHE_MAX_ENTRIES,
  purgeOnQuotaError: true,
}) as WorkboxPlugin;
// A photo never changes under its id, so the cached copy is always right. The cache holds only
// copies the server has: photos of unsynced records live in IndexedDB, so evicting (by count, or
// when the quota runs out) never loses anything a worker entered.
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    url.pathname.startsWith('/api/photos/'),
  new CacheFirst({
    cacheName: 'gridkeeper-photos',
    plugins: [photoExpiry],
  }),
);

async function syncForBrowser(): Promise<void> {
  const outcome = await runSync({ fetch: (input, init) => fetch(input, init), baseUrl: '' });
  // Rejecting tells the browser to retry later with its own backoff.
  if (outcome.status === 'offline' || outcome.status === 'error') {
    throw new Error(`sync failed: ${outcome.status}`);
  }
}

self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag === SYNC_TAG) syncEvent.waitUntil(syncForBrowser());
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
