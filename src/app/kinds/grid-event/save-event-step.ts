import type { Department } from '../../../domain/departments';
import { takeEventStep } from '../../../domain/event-steps';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { session } from '../../status/session';
import { saveStep } from '../../workflow/save-step';
import type { EventStepAction } from './event-step-specs';

/**
 * An event step taken by the signed-in user through event-steps.ts (the same function the server
 * replays it with), then saved like any edit; a refusal comes back in Chinese and saves nothing.
 */
export function saveEventStep(
  record: GridEventRecord,
  action: EventStepAction,
  departments: readonly Department[],
): Promise<string | undefined> {
  const user = session.value?.user;
  return saveStep(record, (body, actor) => {
    const me = { id: actor.userId, role: user?.role ?? '', departmentId: user?.departmentId };
    const step = {
      event: action.event,
      logId: actor.newId(),
      at: actor.now.toISOString(),
      byName: actor.userName,
      comment: action.comment,
    };
    const taken = takeEventStep(body, me, step, {
      now: actor.now,
      departmentIds: new Set(departments.map((d) => d.id)),
    });
    return taken.ok
      ? { ok: true, body: taken.body }
      : { ok: false, message: t(`eventRefusal.${taken.reason}` as MessageKey) };
  });
}
