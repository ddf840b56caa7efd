/**
 * The service worker: precaches the whole app shell so the app opens with no network, serves
 * index.html for client-side routes, keeps capped caches of photos fetched from the server and of
 * basemap tiles, and runs the same sync pass as the page when Chromium fires
 * a background `sync`. Workbox's BackgroundSync queue is deliberately not used to hold data: it
 * drops entries on 5xx and after 7 days (DESIGN.md); the outbox lives in Dexie.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, type StrategyOptions } from 'workbox-strategies';
import { MAP_CONFIG_CHANGED, storedMapConfig } from '../src/sync/map-config-store';
import { PHOTO_CACHE_NAME } from '../src/sync/photo-cache';
import { runSync } from '../src/sync/sync-runner';
import { SYNC_TAG } from '../src/sync/sync-tag';
import { TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME, tileRequestPrefix } from '../src/sync/tile-cache';

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
    cacheName: PHOTO_CACHE_NAME,
    plugins: [photoExpiry],
  }),
);

// Basemap tiles (only when the server configured a tile source). The worker knows a tile by the
// fixed start of the configured URL template, read from the map config the page keeps in Cache
// Storage; it is not a build-time constant because each deployment sets its own TILE_URL. Route
// matching must be synchronous, so the prefix is held in memory once read; until it has been read
// (the worker just woke up) or while no basemap is known (the page may have stored one since, and
// its message may not have arrived), every request that could be a tile is taken and decided in
// the handler: cross-origin GETs (under our CSP only a tile server can be one) and same-origin GETs
// outside /api/ that the precache did not answer. Those that are not tiles go to the network as is.
// The page's offline download fills the same cache, so downloaded tiles are served from here.
const tileExpiry = new ExpirationPlugin({
  maxEntries: TILE_CACHE_MAX_ENTRIES,
  // On a quota error Workbox deletes this cache (the tiles) only; IndexedDB is never touched.
  purgeOnQuotaError: true,
}) as WorkboxPlugin;
const tileStrategy = new CacheFirst({ cacheName: TILE_CACHE_NAME, plugins: [tileExpiry] });
/** undefined: not read yet; null: no basemap configured (as far as the stored config says). */
let tilePrefix: string | null | undefined;
let readingPrefix: Promise<string | null> | undefined;

function readTilePrefix(): Promise<string | null> {
  readingPrefix ??= storedMapConfig().then((config) => {
    tilePrefix = config?.tiles ? tileRequestPrefix(config.tiles.url, self.location.origin) : null;
    return tilePrefix;
  });
  return readingPrefix;
}

function forgetTilePrefix(): void {
  tilePrefix = undefined;
  readingPrefix = undefined;
}

void readTilePrefix();

registerRoute(
  ({ url, request }) => {
    if (request.method !== 'GET' || request.mode === 'navigate') return false;
    if (tilePrefix) return url.href.startsWith(tilePrefix);
    return url.origin !== self.location.origin || !url.pathname.startsWith('/api/');
  },
  async (options) => {
    if (!tilePrefix) forgetTilePrefix();
    const prefix = await readTilePrefix();
    if (prefix && options.url.href.startsWith(prefix)) return tileStrategy.handle(options);
    return fetch(options.request);
  },
);

/** Passes a background sync may run while a pull keeps giving way to new edits (sync-engine.ts). */
const MAX_BACKGROUND_PASSES = 20;

async function syncForBrowser(): Promise<void> {
  let outcome = await runSync({ fetch: (input, init) => fetch(input, init), baseUrl: '' });
  for (let pass = 1; pass < MAX_BACKGROUND_PASSES && outcome.status === 'ok' && outcome.more; pass++) {
    outcome = await runSync({ fetch: (input, init) => fetch(input, init), baseUrl: '' });
  }
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
  if (data?.type === MAP_CONFIG_CHANGED) forgetTilePrefix();
});
