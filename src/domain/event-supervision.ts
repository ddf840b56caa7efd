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
import { type GridEventStatus, SUPERVISION_LEVELS, type SupervisionLevel } from './event-workflow';

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

/** The longest limit a street may set, in working days: about three months of work. */
export const MAX_EVENT_LIMIT_WORKING_DAYS = 60;

/**
 * Which of a step's two limits is out of range, if either: the yellow one is at least one working
 * day, the red one later than the yellow and at most MAX_EVENT_LIMIT_WORKING_DAYS.
 */
export function stepLimitsProblem(limits: StepLimits): keyof StepLimits | undefined {
  const { yellow, red } = limits;
  if (!Number.isInteger(yellow) || yellow < 1 || yellow > MAX_EVENT_LIMIT_WORKING_DAYS) return 'yellow';
  if (!Number.isInteger(red) || red <= yellow || red > MAX_EVENT_LIMIT_WORKING_DAYS) return 'red';
  return undefined;
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

/** The clock as the server stores it in `body.clock` (grid-event.ts). */
export interface StampedClock {
  stepKey: string;
  step: EventStep;
  startedAt: string;
  warnDay: string;
  yellowDay: string;
  redDay: string;
}

/** The clock the server stores on an event for its current step; undefined once it is finished. */
export function clockForEvent(event: ClockedEvent, limits: EventTimeLimits): StampedClock | undefined {
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
  const clock = currentClock(event);
  return clock && { step: clock.step, yellowDay: clock.yellowDay, ...standingAt(clock, now) };
}

/** The stored clock when it is the one of the step the event waits on now. */
function currentClock(event: ClockedEvent): ClockedEvent['clock'] {
  const clock = event.clock;
  if (clock === undefined || EVENT_STEP_OF[event.status] === undefined) return undefined;
  return clock.stepKey === eventStepStart(event).key ? clock : undefined;
}

/**
 * The clock the server stamps on a write of `next` over `stored` (what it held before; undefined
 * for a new event): none once finished; the stored one while the step and the extension days
 * approved in it are the same, so a street that changes its limits moves no running clock; else
 * a new one, from the step's start, with the limits in force now.
 */
export function stampedClock(
  stored: (ClockedEvent & { clock?: StampedClock | undefined }) | undefined,
  next: ClockedEvent,
  limits: EventTimeLimits,
): StampedClock | undefined {
  if (EVENT_STEP_OF[next.status] === undefined) return undefined;
  const kept = stored?.clock;
  const sameStep = kept !== undefined && kept.stepKey === eventStepStart(next).key;
  if (sameStep && approvedExtensionDays(stored as ClockedEvent) === approvedExtensionDays(next)) return kept;
  return clockForEvent(next, limits);
}

/** The cards the server's supervision issues, lowest first: a card only rises (event-workflow.ts). */
export const SUPERVISION_CARDS = ['yellow', 'red'] as const;
export type SupervisionCard = (typeof SUPERVISION_CARDS)[number];

/** The opinion of a card's flow log entry, in the words of the Tianque job (DOMAIN.md §3.6). */
export const CARD_OPINIONS: Readonly<Record<SupervisionCard, string>> = {
  yellow: '未在规定的期限里处理，系统进行自动黄牌督办',
  red: '未在规定的期限里处理，系统进行自动红牌督办',
};

/** What the supervision reads of an event: its clock and the 督办 it carries. */
export interface SupervisedEvent extends ClockedEvent {
  supervision?: SupervisionLevel | undefined;
}

const rank = (level: SupervisionLevel | undefined): number =>
  level === undefined ? -1 : SUPERVISION_LEVELS.indexOf(level);

/** Each card with the last day of its limit, from the current step's clock. */
function cardDays(event: SupervisedEvent): [SupervisionCard, string][] {
  const clock = currentClock(event);
  if (!clock) return [];
  const days: [SupervisionCard, string][] = [
    ['yellow', clock.yellowDay],
    ['red', clock.redDay],
  ];
  return days.filter(([card]) => rank(card) > rank(event.supervision));
}

/**
 * The cards the event has earned by `now` on the server's clock and does not carry yet, in the
 * order they are issued. A step after one that drew a card can only earn a higher one: the card
 * is the event's and only rises.
 */
export function cardsDue(event: SupervisedEvent, now: Date): SupervisionCard[] {
  const today = localDayOf(now);
  return cardDays(event)
    .filter(([, day]) => day < today)
    .map(([card]) => card);
}

/**
 * The last day of the limit whose passing earns the event its next card: what the server's job
 * indexes to find due events; undefined when there is none left to earn (red, or finished).
 */
export function nextCardDay(event: SupervisedEvent): string | undefined {
  return cardDays(event)[0]?.[1];
}
