/**
 * What each hazard status means for deadlines, alerts and counts — defined once. The hazard card,
 * the list's 逾期 filter, the map's halo, 今日待办 and the rental risk all read this table.
 *
 *   open                     ── nothing decided yet: no clock
 *   rectifying, recheckFailed ─ the rectification deadline runs (整改期限)
 *   referred, deptFeedback   ── handed to a department (often because it was 逾期: 逾期移交); no
 *                               clock of the grid's runs until the department reports back
 *   reportedFixed            ── our recheck is due 3 working days after the deadline (复查期限)
 *   fixedOnSite, recheckPassed, closed ── settled: nobody is at risk any more, no clock
 *
 * 逾期 is the clock that runs now having passed its day (24:00 in China); never stored.
 */
import { daysLeft, hazardRecheckDueDay } from './due-dates';
import type { HazardStatus } from './hazard-workflow';

export type HazardClock = 'none' | 'rectification' | 'recheck' | 'settled';

export const HAZARD_STATUS_CLOCK = {
  open: 'none',
  fixedOnSite: 'settled',
  rectifying: 'rectification',
  reportedFixed: 'recheck',
  recheckPassed: 'settled',
  recheckFailed: 'rectification',
  referred: 'none',
  deptFeedback: 'none',
  closed: 'settled',
} as const satisfies Record<HazardStatus, HazardClock>;

/** No longer puts anyone at risk: fixed on site, seen fixed at the recheck, or 销号. */
export function isHazardSettled(status: HazardStatus): boolean {
  return HAZARD_STATUS_CLOCK[status] === 'settled';
}

/** The fields a hazard's deadline is read from. */
export type HazardDeadlineFacts = { status: HazardStatus; deadline?: string | undefined };

export type HazardDeadline = { kind: 'rectification' | 'recheck'; dueDay: string };

/** The deadline that runs now, if any. */
export function hazardDeadline(hazard: HazardDeadlineFacts): HazardDeadline | undefined {
  if (hazard.deadline === undefined) return undefined;
  const clock = HAZARD_STATUS_CLOCK[hazard.status];
  if (clock === 'rectification') return { kind: 'rectification', dueDay: hazard.deadline };
  if (clock === 'recheck') return { kind: 'recheck', dueDay: hazardRecheckDueDay(hazard.deadline) };
  return undefined;
}

/** 逾期: the deadline that runs now has passed. */
export function isHazardOverdue(hazard: HazardDeadlineFacts, now: Date): boolean {
  const deadline = hazardDeadline(hazard);
  return deadline !== undefined && daysLeft(deadline.dueDay, now) < 0;
}

/** An inspection is 逾期 while it is open and any of its hazards is. */
export function isInspectionOverdue(
  body: { status: string; hazards: readonly HazardDeadlineFacts[] },
  now: Date,
): boolean {
  return body.status !== 'closed' && body.hazards.some((hazard) => isHazardOverdue(hazard, now));
}
