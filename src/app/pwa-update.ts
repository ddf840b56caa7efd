/**
 * The "新版本可用" offer. Registration goes through vite-plugin-pwa's `virtual:pwa-register`
 * (workbox-window underneath) in prompt mode: a new service worker waits until the user taps 刷新,
 * and never takes over while a form holds unsaved input or a sync pass runs.
 */
import { signal } from '@preact/signals';

export const updateAvailable = signal(false);
/** Set by forms while they hold unsaved input: an update would reload the page and lose it. */
export const formDirty = signal(false);

let applyUpdate: ((reloadPage?: boolean) => Promise<void>) | undefined;

/** Registers the service worker (production builds only; dev serves no worker). */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      updateAvailable.value = true;
    },
    onRegisterError: (error: unknown) => console.error('service worker registration failed', error),
  });
}

/** Activates the waiting worker once no sync pass holds the lock; the page reloads when it takes over. */
export async function reloadToUpdate(): Promise<void> {
  const update = applyUpdate;
  if (!update) return;
  const container = navigator.serviceWorker;
  // workbox-window reloads by itself only when a worker controlled the page at load time.
  const controlled = container.controller !== null;
  if (controlled)
    container.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  const { SYNC_LOCK_NAME } = await import('../sync/sync-engine');
  const locks = navigator.locks;
  if (locks) await locks.request(SYNC_LOCK_NAME, () => update(true));
  else await update(true);
  // First visit: sw.ts does not claim clients, so nothing controls this page, no `controllerchange`
  // will come, and the new worker activated without waiting. A reload is all it takes.
  if (!controlled) window.location.reload();
}
