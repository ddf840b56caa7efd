/**
 * The patrol session in progress on this device, if any (巡查中). Records made during it point back
 * to it with `patrolId`, so the patrol log lists what it produced. The patrol screens set it; the
 * record forms only read it.
 */
import { signal } from '@preact/signals';

export const activePatrolId = signal<string | undefined>(undefined);

/** `{ patrolId }` for a new record made while a patrol is on, or nothing. */
export function patrolLink(): { patrolId?: string } {
  const id = activePatrolId.value;
  return id === undefined ? {} : { patrolId: id };
}
