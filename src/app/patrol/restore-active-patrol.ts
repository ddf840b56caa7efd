import { effect } from '@preact/signals';
import { readActivePatrolId } from '../../sync/active-patrol-store';
import { activePatrolId } from '../lib/active-patrol';
import { currentDb } from '../status/session';

/**
 * Puts the patrol running on this device (a meta row) back into `activePatrolId` whenever the
 * signed-in user's database opens — a killed tab reopens into its patrol. Call once at start.
 */
export function restoreActivePatrol(): () => void {
  return effect(() => {
    const db = currentDb.value;
    activePatrolId.value = undefined;
    if (!db) return;
    let live = true;
    void readActivePatrolId(db).then(
      (id) => {
        if (live) activePatrolId.value = id;
      },
      (error: unknown) => console.error('could not read the running patrol', error),
    );
    return () => {
      live = false;
    };
  });
}
