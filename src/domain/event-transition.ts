/**
 * The state machine's decision (event-workflow.ts has the diagram and the table): the table's
 * target for the event, once its guards let it through. Apart from the table so the home screen,
 * which reads only what a status allows, does not carry the guards.
 */
import { isValidDay, localDayOf } from './due-dates';
import {
  BY_VERIFY_RESULT,
  EVENT_LEVELS,
  type EventLevel,
  GRID_EVENT_TRANSITIONS,
  type GridEventContext,
  type GridEventEvent,
  type GridEventEventType,
  type GridEventRefusal,
  type GridEventStatus,
  type GridEventTransition,
  MAX_EXTENSION_WORKING_DAYS,
  SAME,
  SUPERVISION_LEVELS,
  type Target,
} from './event-workflow';

/** The next status of an event after `event`, or why it cannot happen. */
export function transitionGridEvent(
  state: GridEventStatus,
  event: GridEventEvent,
  context: GridEventContext,
): GridEventTransition {
  const targets: Partial<Record<GridEventEventType, Target>> = GRID_EVENT_TRANSITIONS[state];
  const target = targets[event.type];
  if (target === undefined) return { ok: false, reason: 'notAllowed' };
  const refusal = guard(state, event, context);
  if (refusal) return { ok: false, reason: refusal };
  if (target === SAME) return { ok: true, state };
  if (target === BY_VERIFY_RESULT)
    return { ok: true, state: event.type === 'verify' && event.passed ? 'verified' : 'processing' };
  return { ok: true, state: target };
}

const blank = (text: string | undefined) => (text ?? '').trim() === '';

function guard(
  state: GridEventStatus,
  event: GridEventEvent,
  context: GridEventContext,
): GridEventRefusal | undefined {
  switch (event.type) {
    case 'selfResolve':
    case 'complete':
      return blank(event.note) ? 'noteRequired' : undefined;
    case 'reject':
    case 'escalate':
    case 'return': {
      if (blank(event.reason)) return 'reasonRequired';
      if (event.type === 'escalate' && context.level === 'street') return 'topLevel';
      // Back down a level only for an event that came up; a department's return goes to its dispatcher.
      if (
        event.type === 'return' &&
        state !== 'assigned' &&
        state !== 'processing' &&
        context.level === context.reportedLevel
      )
        return 'notEscalated';
      return undefined;
    }
    case 'assign':
      if (blank(event.departmentId)) return 'departmentRequired';
      if (!isValidDay(event.deadline)) return 'deadlineInvalid';
      return event.deadline < localDayOf(context.now) ? 'deadlineInPast' : undefined;
    case 'verify':
      return !event.passed && blank(event.reason) ? 'reasonRequired' : undefined;
    case 'requestExtension':
      if (context.extensionPending) return 'extensionPending';
      if (!Number.isInteger(event.days) || event.days < 1 || event.days > MAX_EXTENSION_WORKING_DAYS)
        return 'extensionDaysInvalid';
      return blank(event.reason) ? 'reasonRequired' : undefined;
    case 'approveExtension':
      return context.extensionPending ? undefined : 'noExtensionPending';
    case 'urge':
      return context.urgent ? 'alreadyUrgent' : undefined;
    case 'supervise': {
      // A card only rises: 普通督办 → 黄牌 → 红牌; the same card twice is refused, never re-issued.
      const current =
        context.supervision === undefined ? -1 : SUPERVISION_LEVELS.indexOf(context.supervision);
      return SUPERVISION_LEVELS.indexOf(event.level) <= current ? 'supervisionNotHigher' : undefined;
    }
    case 'accept':
    case 'process':
    case 'close':
    case 'evaluate':
      return undefined;
  }
}

/** The level above `level` (escalate), or the one below (return), clamped to the three levels. */
export function levelAfter(level: EventLevel, direction: 'up' | 'down'): EventLevel {
  const index = EVENT_LEVELS.indexOf(level) + (direction === 'up' ? 1 : -1);
  return EVENT_LEVELS[Math.min(Math.max(index, 0), EVENT_LEVELS.length - 1)] ?? level;
}
