/**
 * The app's view of the session and of sync, started once at page load: network events, the
 * device database's sync state and the page's scheduler, each feeding its signals (session.ts,
 * network.ts, device-sync-state.ts, page-scheduler.ts).
 */
import { watchDeviceSyncState } from './device-sync-state';
import { watchNetwork } from './network';
import { startPageScheduler } from './page-scheduler';

/** Wires network events, database watchers and the scheduler to the signals. Call once at start. */
export function startSyncStatus(): () => void {
  const stopNetwork = watchNetwork();
  const stopDbWatch = watchDeviceSyncState();
  const stopScheduler = startPageScheduler();
  return () => {
    stopNetwork();
    stopDbWatch();
    stopScheduler();
  };
}
