/**
 * Calendar arithmetic for deadlines. Deadlines are local calendar days (`YYYY-MM-DD`) in China
 * Standard Time. China has used UTC+8 all year since 1991 (no daylight saving), so the offset is a
 * constant and no Intl time-zone data is needed: some WebViews and small Node builds ship without it.
 *
 * Working days are China's (work-calendar.ts): Monday to Friday except the 法定节假日, plus the weekend
 * days made working days (调休), year by year as the State Council publishes them.
 */
import { isWorkingDay } from './work-calendar';

/** China Standard Time, UTC+8, all year. */
export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 调解期限: mediation generally finishes within one month of registration (人民调解工作若干规定 第33条). */
export const DISPUTE_MEDIATION_DAYS = 30;
/** 复查: within 3 working days after the rectification deadline (DOMAIN.md §1.4). */
export const HAZARD_RECHECK_WORKING_DAYS = 3;
/** 回访: a proposal; the follow-up visit is due this many days after the performance deadline. */
export const FOLLOW_UP_DAYS = 7;

/**
 * An extension of a dispute's due date; both parties must consent, so a reason is required (its
 * schema lives with the dispute body: this module stays free of zod, so the home list can use it).
 */
export type DueDateExtension = { days: number; reason: string };

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isValidDay(day: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(day));
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; NaN if it is not a real day. */
function dayNumberOrNaN(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return Number.NaN;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 02-30 over to 03-02; a round trip catches it.
  return formatDayNumber(utc / DAY_MS) === day ? utc / DAY_MS : Number.NaN;
}

function dayNumber(day: string): number {
  const n = dayNumberOrNaN(day);
  // Days reach the domain validated by dateSchema, so a bad one is a programming error.
  if (Number.isNaN(n)) throw new RangeError(`Not a calendar day: ${day}`);
  return n;
}

function formatDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day in China on which `instant` falls. */
export function localDayOf(instant: Date): string {
  return formatDayNumber(Math.floor((instant.getTime() + CHINA_UTC_OFFSET_MS) / DAY_MS));
}

/** The instant the day starts in China (00:00 +08:00). */
export function startOfLocalDay(day: string): Date {
  return new Date(dayNumber(day) * DAY_MS - CHINA_UTC_OFFSET_MS);
}

/** `day` moved by `days` calendar days (negative moves back). */
export function addDays(day: string, days: number): string {
  return formatDayNumber(dayNumber(day) + days);
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
function weekday(day: string): number {
  return new Date(dayNumber(day) * DAY_MS).getUTCDay();
}

/** `day` moved forward by `days` working days (holidays skipped, make-up weekend days counted). */
export function addWorkingDays(day: string, days: number): string {
  let current = day;
  for (let left = days; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not later. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let current = from; daysBetween(current, to) > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}

/** Dispute 调结期限: the registration day in China + 30 days, plus any consented extensions. */
export function disputeDueAt(registeredAt: Date, extensions: readonly DueDateExtension[] = []): string {
  const extra = extensions.reduce((sum, e) => sum + e.days, 0);
  return addDays(localDayOf(registeredAt), DISPUTE_MEDIATION_DAYS + extra);
}

/** Days left until the due day, counted in China: 0 = due today, negative = that many days overdue. */
export function daysLeft(dueDay: string, now: Date): number {
  return daysBetween(localDayOf(now), dueDay);
}

/** Whether the due day is today or within the next `withinDays` days (not yet past). */
export function isNearDue(dueDay: string, now: Date, withinDays: number): boolean {
  const left = daysLeft(dueDay, now);
  return left >= 0 && left <= withinDays;
}

/** Whether the whole due day (until 24:00 in China) has passed. */
export function isPastDue(dueDay: string, now: Date): boolean {
  return daysLeft(dueDay, now) < 0;
}

/** 复查期限 of a hazard: its rectification deadline + 3 working days. */
export function hazardRecheckDueDay(deadline: string): string {
  return addWorkingDays(deadline, HAZARD_RECHECK_WORKING_DAYS);
}

/** 回访期限 of a mediated agreement: its performance deadline + `days` (7 by default). */
export function followUpDueDay(performanceDeadline: string, days: number = FOLLOW_UP_DAYS): string {
  return addDays(performanceDeadline, days);
}

/** The dispute fields its due day is read from (structural, so the list can pass stored bodies). */
export type DisputeDueFacts = {
  registeredAt: string;
  flowLogs?: readonly { action: string; at: string }[] | undefined;
  extensions?: readonly DueDateExtension[] | undefined;
};

/**
 * 调结期限 of a dispute: 30 days from 受理 (the first accept in its flow log; registration until
 * then), plus the extensions both parties agreed to. The case screen, 今日待办 and the list all use it.
 */
export function disputeDueDay(body: DisputeDueFacts): string {
  const accepted = body.flowLogs?.find((log) => log.action === 'accept');
  return disputeDueAt(new Date(accepted?.at ?? body.registeredAt), body.extensions ?? []);
}

/** Monday 00:00 of `now`'s week in China: where 本周 starts (patrol coverage). */
export function startOfLocalWeek(now: Date): Date {
  const day = localDayOf(now);
  return startOfLocalDay(addDays(day, -((weekday(day) + 6) % 7)));
}
