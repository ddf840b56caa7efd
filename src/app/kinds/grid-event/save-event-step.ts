import type { Department } from '../../../domain/departments';
import type { GridEventRecord } from '../../../domain/record-envelope';
import type { PhotoItem } from '../../components/photo-field';
import { session } from '../../status/session';
import { saveStep } from '../../workflow/save-step';
import { eventStepOutcome } from './event-step-outcome';
import type { EventStepAction } from './event-step-specs';

/**
 * An event step taken by the signed-in user (event-step-outcome.ts), then saved like any edit with
 * the photos it took; a refusal comes back in Chinese and saves nothing.
 */
export function saveEventStep(
  record: GridEventRecord,
  action: EventStepAction,
  departments: readonly Department[],
  photos: readonly PhotoItem[] = [],
): Promise<string | undefined> {
  const user = session.value?.user;
  return saveStep(
    record,
    (body, actor) =>
      eventStepOutcome(
        body,
        action,
        { id: actor.userId, role: user?.role ?? '', departmentId: user?.departmentId },
        actor,
        departments,
      ),
    photos,
  );
}
