/**
 * A 上报事件 step as the app takes it, pure: the sheet's action through event-steps.ts (the function
 * the server replays it with), the step's photos added to the event's, and a refusal in Chinese.
 * save-event-step.ts stores the outcome; tests run it through the server's check (event-change.ts).
 */
import type { Department } from '../../../domain/departments';
import type { EventActor } from '../../../domain/event-access';
import { takeEventStep } from '../../../domain/event-steps';
import type { GridEventBody } from '../../../domain/grid-event';
import { MAX_PHOTOS_PER_RECORD } from '../../../domain/photo';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import type { StepActor, StepOutcome } from '../../workflow/save-step';
import type { EventStepAction } from './event-step-specs';

export function eventStepOutcome(
  body: GridEventBody,
  action: EventStepAction,
  me: EventActor,
  actor: StepActor,
  departments: readonly Department[],
): StepOutcome<GridEventBody> {
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
  if (!taken.ok) return { ok: false, message: t(`eventRefusal.${taken.reason}` as MessageKey) };
  const added = (action.photoIds ?? []).filter((id) => !(body.photoIds ?? []).includes(id));
  if (added.length === 0) return { ok: true, body: taken.body };
  const photoIds = [...(taken.body.photoIds ?? []), ...added];
  if (photoIds.length > MAX_PHOTOS_PER_RECORD) return { ok: false, message: t('err.photoIds') };
  return { ok: true, body: { ...taken.body, photoIds } };
}
