/** Whether the phone can reach the server: the browser's word, corrected by the last sync pass. */
import { computed, signal } from '@preact/signals';
import { lastOutcome } from './page-scheduler';

export const networkOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

/** The browser may claim a connection (Wi-Fi without internet, a captive portal); the last pass knows better. */
export const isOnline = computed(() => networkOnline.value && lastOutcome.value?.status !== 'offline');

/** Follows the browser's online and offline events. Returns the stop. */
export function watchNetwork(): () => void {
  const setOnline = () => {
    networkOnline.value = navigator.onLine;
    // A stale "offline" outcome must not keep the badge red once the network is back.
    if (navigator.onLine && lastOutcome.value?.status === 'offline') lastOutcome.value = undefined;
  };
  globalThis.addEventListener('online', setOnline);
  globalThis.addEventListener('offline', setOnline);
  return () => {
    globalThis.removeEventListener('online', setOnline);
    globalThis.removeEventListener('offline', setOnline);
  };
}
