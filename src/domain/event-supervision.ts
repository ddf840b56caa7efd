/**
 * The clock of a 上报事件 (issue 12, DOMAIN.md §3.6): each step — 受理, 办理, 验证 — has a yellow and a
 * red limit in working days, counted on China's calendar (work-calendar.ts) from when the step
 * last changed hands, plus the extension days approved for it. 今日待办 warns at 70% of the yellow
 * limit; past the yellow limit the event earns a 黄牌, past the red one a 红牌. Only the server issues
 * cards (a phone offline for a week cannot); devices show the same clock from synced fields.
 *
 * Defaults as in the Tianque platform: 受理 yellow 1 / red 2, 办理 yellow 5 / red 10 working days.
 * Tianque gives no default for 验证: 2 / 5 is this product's proposal. A street overrides them per
 * category.
 */
import { addWorkingDays, localDayOf, workingDaysBetween } from './due-dates';
import type { GridEventStatus } from './event-workflow';

export const EVENT_STEPS = ['accept', 'handle', 'verify'] as const;
export type EventStep = (typeof EVENT_STEPS)[number];

/** The step each open status waits on; finished statuses run no clock. */
export const EVENT_STEP_OF = {
  reported: 'accept',
  accepted: 'handle',
  assigned: 'handle',
  processing: 'handle',
  processed: 'verify',
  verified: 'verify',
  filed: undefined,
  rejected: undefined,
  closed: undefined,
} as const satisfies Record<GridEventStatus, EventStep | undefined>;

export interface StepLimits {
  /** Working days after the step started: past the last of them, a 黄牌. */
  yellow: number;
  /** …and a 红牌. */
  red: number;
}
export type EventTimeLimits = Readonly<Record<EventStep, StepLimits>>;

export const DEFAULT_EVENT_TIME_LIMITS: EventTimeLimits = {
  accept: { yellow: 1, red: 2 },
  handle: { yellow: 5, red: 10 },
  verify: { yellow: 2, red: 5 },
};

/** 预警: the share of the yellow limit after which 今日待办 warns. */
export const EARLY_WARNING_SHARE = 0.7;

export type EventCard = 'none' | 'yellow' | 'red';

export interface StepClock {
  step: EventStep;
  /** The last day of the yellow and the red limit (`YYYY-MM-DD` in China). */
  yellowDay: string;
  redDay: string;
  /** Working days left until the yellow limit ends: 0 on its last day, negative once past. */
  workingDaysLeft: number;
  /** 70% of the yellow limit (extensions included) has passed. */
  warn: boolean;
  /** The card the step has earned by `now`. */
  card: EventCard;
}

/** The last days of a step begun on `startDay`: 70% of the yellow limit, the yellow, the red. */
function stepDays(
  startDay: string,
  step: EventStep,
  limits: EventTimeLimits,
  extensionDays: number,
): { warnDay: string; yellowDay: string; redDay: string } {
  const yellowLimit = limits[step].yellow + extensionDays;
  return {
    warnDay: addWorkingDays(startDay, Math.ceil(EARLY_WARNING_SHARE * yellowLimit)),
    yellowDay: addWorkingDays(startDay, yellowLimit),
    redDay: addWorkingDays(startDay, limits[step].red + extensionDays),
  };
}

/** Where `now` stands against a step's days. */
function standingAt(
  days: { warnDay: string; yellowDay: string; redDay: string },
  now: Date,
): { workingDaysLeft: number; warn: boolean; card: EventCard } {
  const today = localDayOf(now);
  const { yellowDay, redDay } = days;
  const workingDaysLeft =
    today <= yellowDay ? workingDaysBetween(today, yellowDay) : -workingDaysBetween(yellowDay, today);
  const card: EventCard = today > redDay ? 'red' : today > yellowDay ? 'yellow' : 'none';
  return { workingDaysLeft, warn: today >= days.warnDay, card };
}

/**
 * The clock of the step `status` waits on, started at `stepStartedAt`, with `extensionDays`
 * approved; undefined for a finished event.
 */
export function stepClock(
  status: GridEventStatus,
  stepStartedAt: Date,
  now: Date,
  limits: EventTimeLimits = DEFAULT_EVENT_TIME_LIMITS,
  extensionDays = 0,
): StepClock | undefined {
  const step = EVENT_STEP_OF[status];
  if (step === undefined) return undefined;
  const days = stepDays(localDayOf(stepStartedAt), step, limits, extensionDays);
  return { step, yellowDay: days.yellowDay, redDay: days.redDay, ...standingAt(days, now) };
}

/** A street's own limits, per level-one category and step (admin CLI); the defaults fill the rest. */
export type EventTimeLimitOverrides = Readonly<Record<string, Partial<Record<EventStep, StepLimits>>>>;

/** The limits in force for an event of `categoryL1` in a street with `overrides`. */
export function eventTimeLimits(overrides: EventTimeLimitOverrides, categoryL1: string): EventTimeLimits {
  const own = Object.hasOwn(overrides, categoryL1) ? overrides[categoryL1] : undefined;
  return {
    accept: own?.accept ?? DEFAULT_EVENT_TIME_LIMITS.accept,
    handle: own?.handle ?? DEFAULT_EVENT_TIME_LIMITS.handle,
    verify: own?.verify ?? DEFAULT_EVENT_TIME_LIMITS.verify,
  };
}

/** What the step clock reads of an event body (grid-event.ts). */
export interface ClockedEvent {
  status: GridEventStatus;
  reportedAt: string;
  flowLogs: readonly {
    id: string;
    at: string;
    action: string;
    fromStatus: GridEventStatus;
    toStatus: GridEventStatus;
  }[];
  extensions?: readonly { days: number; approvedAt?: string | undefined }[] | undefined;
  clock?:
    | { stepKey: string; step: EventStep; yellowDay: string; redDay: string; warnDay: string }
    | undefined;
}

/** The steps that hand an event over: the clock of the step after them starts again. */
const HANDING_OVER: readonly string[] = ['accept', 'assign', 'complete', 'verify', 'escalate', 'return'];

/**
 * Where the step the event waits on began: the last flow log entry that handed it over (its id is
 * the step's key, and a card is issued once per key), or the report itself.
 */
export function eventStepStart(event: ClockedEvent): { key: string; at: string } {
  for (let index = event.flowLogs.length - 1; index >= 0; index -= 1) {
    const log = event.flowLogs[index];
    if (log && HANDING_OVER.includes(log.action)) return { key: log.id, at: log.at };
  }
  return { key: 'report', at: event.reportedAt };
}

/** Working days of 延期 approved since the current step began. */
export function approvedExtensionDays(event: ClockedEvent): number {
  const start = eventStepStart(event).at;
  return (event.extensions ?? [])
    .filter((extension) => extension.approvedAt !== undefined && extension.approvedAt >= start)
    .reduce((sum, extension) => sum + extension.days, 0);
}

/** The clock the server stores on an event for its current step; undefined once it is finished. */
export function clockForEvent(
  event: ClockedEvent,
  limits: EventTimeLimits,
):
  | {
      stepKey: string;
      step: EventStep;
      startedAt: string;
      warnDay: string;
      yellowDay: string;
      redDay: string;
    }
  | undefined {
  const step = EVENT_STEP_OF[event.status];
  if (step === undefined) return undefined;
  const start = eventStepStart(event);
  const days = stepDays(localDayOf(new Date(start.at)), step, limits, approvedExtensionDays(event));
  return { stepKey: start.key, step, startedAt: start.at, ...days };
}

/**
 * Where a device stands on the clock the server synced: undefined when the event is finished or
 * its current step has no clock yet (a step taken offline, not synced).
 */
export interface StepClockView {
  step: EventStep;
  workingDaysLeft: number;
  warn: boolean;
  card: EventCard;
  yellowDay: string;
}

export function syncedClock(event: ClockedEvent, now: Date): StepClockView | undefined {
  const clock = event.clock;
  if (clock === undefined || EVENT_STEP_OF[event.status] === undefined) return undefined;
  if (clock.stepKey !== eventStepStart(event).key) return undefined;
  return { step: clock.step, yellowDay: clock.yellowDay, ...standingAt(clock, now) };
}
