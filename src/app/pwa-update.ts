/**
 * The "新版本可用" offer. Registration goes through vite-plugin-pwa's `virtual:pwa-register`
 * (workbox-window underneath) in prompt mode: a new service worker waits until the user taps 刷新,
 * and never takes over while a form holds unsaved input or a sync pass runs.
 *
 * The page reloads only once the new worker has finished activating. A navigation made while it is
 * still `activating` waits for it, and Chromium (150) answers that navigation with a fresh update
 * check that installs yet another copy, which takes over in turn: the page never loads again.
 */
import { signal } from '@preact/signals';

export const updateAvailable = signal(false);
/** Set by forms while they hold unsaved input: an update would reload the page and lose it. */
export const formDirty = signal(false);

let applyUpdate: ((reloadPage?: boolean) => Promise<void>) | undefined;
let reloading = false;

/** Registers the service worker (production builds only; dev serves no worker). */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      updateAvailable.value = true;
    },
    // A worker took over this page (the user's tap here or in another tab): reload into it.
    onNeedReload: () => void reloadOnceActivated(navigator.serviceWorker.controller),
    onRegisterError: (error: unknown) => console.error('service worker registration failed', error),
  });
}

/** Activates the waiting worker once no sync pass holds the lock; the page then reloads into it. */
export async function reloadToUpdate(): Promise<void> {
  const update = applyUpdate;
  if (!update) return;
  const container = navigator.serviceWorker;
  // workbox-window reports the takeover (onNeedReload) only when a worker controlled the page at
  // load time. On a first visit sw.ts does not claim clients: nothing controls this page and no
  // takeover will come, so the page reloads itself once the new worker is active.
  const controlled = container.controller !== null;
  const waiting = (await container.getRegistration())?.waiting ?? null;
  const { SYNC_LOCK_NAME } = await import('../sync/sync-engine');
  const locks = navigator.locks;
  if (locks) await locks.request(SYNC_LOCK_NAME, () => update(true));
  else await update(true);
  if (!controlled) await reloadOnceActivated(waiting);
}

async function reloadOnceActivated(worker: ServiceWorker | null): Promise<void> {
  if (reloading) return;
  reloading = true;
  if (worker) await settled(worker);
  window.location.reload();
}

/** Resolves when the worker has activated, or has been replaced by a newer one. */
function settled(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => worker.state === 'activated' || worker.state === 'redundant';
    if (done()) return resolve();
    const onChange = (): void => {
      if (!done()) return;
      worker.removeEventListener('statechange', onChange);
      resolve();
    };
    worker.addEventListener('statechange', onChange);
  });
}
