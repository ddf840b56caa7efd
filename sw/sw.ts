/**
 * The service worker: precaches the whole app shell so the app opens with no network, serves
 * index.html for client-side routes, and runs the same sync pass as the page when Chromium fires
 * a background `sync`. Workbox's BackgroundSync queue is deliberately not used to hold data: it
 * drops entries on 5xx and after 7 days (DESIGN.md); the outbox lives in Dexie.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
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
