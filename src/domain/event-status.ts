/**
 * What an event's status and clock mean for lists, the map and 今日待办, defined once: 超期 is a
 * card the step earned on the server's clock (event-supervision.ts), or a dispatch deadline that
 * passed while the department still holds it.
 */
import { isPastDue } from './due-dates';
import { type StepClockView, syncedClock } from './event-supervision';
import { type GridEventStatus, isOpenEvent } from './event-workflow';
import type { GridEventBody } from './grid-event';

const HELD_BY_DEPARTMENT: readonly GridEventStatus[] = ['assigned', 'processing'];

/** The event's step clock at `now`, from what the server synced (undefined: none to show). */
export function eventClock(body: GridEventBody, now: Date): StepClockView | undefined {
  return isOpenEvent(body.status) ? syncedClock(body, now) : undefined;
}

/** 超期 at `now`. */
export function isEventOverdue(body: GridEventBody, now: Date): boolean {
  if (!isOpenEvent(body.status)) return false;
  if ((eventClock(body, now)?.card ?? 'none') !== 'none') return true;
  return (
    HELD_BY_DEPARTMENT.includes(body.status) && body.deadline !== undefined && isPastDue(body.deadline, now)
  );
}
