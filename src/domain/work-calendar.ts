/**
 * The working-day calendar every deadline counts on (due-dates.ts): Monday to Friday, except the
 * 法定节假日, plus the weekend days the State Council makes working days (调休). The schedule is
 * published each year, usually in November or December for the next: the built-in years are in
 * calendars/cn-holidays.ts, and a later year is installed from what an admin loaded (the server
 * keeps it and devices receive it with their settings) before any deadline is counted on it.
 *
 * A day of a year no schedule covers counts Monday to Friday, and `calendarCovers` says so, so a
 * screen or the admin can warn rather than pretend to know.
 */
import { CN_HOLIDAYS } from './calendars/cn-holidays';

/** One year's schedule as the notice gives it. */
export interface CalendarYear {
  year: number;
  /** The days off of each holiday, first to last (inclusive), weekends inside them included. */
  holidays: readonly { name: string; from: string; to: string }[];
  /** The weekend days that are working days (调休上班). */
  workdays: readonly string[];
}

interface YearDays {
  off: ReadonlySet<string>;
  on: ReadonlySet<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const years = new Map<number, YearDays>();

/** Every day from `from` to `to`, inclusive (both `YYYY-MM-DD`, validated by the caller). */
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The days off and the make-up working days of a year's schedule. */
function daysOf(entry: CalendarYear): YearDays {
  return {
    off: new Set(entry.holidays.flatMap((holiday) => daysFrom(holiday.from, holiday.to))),
    on: new Set(entry.workdays),
  };
}

function problemOf(entry: CalendarYear, { off, on }: YearDays): string | undefined {
  for (const holiday of entry.holidays) {
    if (holiday.to < holiday.from)
      return `${holiday.name} ends (${holiday.to}) before it starts (${holiday.from})`;
  }
  for (const day of [...off, ...on]) {
    if (!day.startsWith(`${entry.year}-`)) return `${day} is not in ${entry.year}`;
  }
  for (const day of on) {
    if (off.has(day)) return `${day} is both a holiday and a working day`;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return `${day} is a make-up working day but not a weekend`;
  }
  return undefined;
}

/**
 * What is wrong with a year's schedule, or undefined: a day outside its year, a day both off and
 * on, a make-up day that is not a weekend, a holiday that ends before it starts. The admin's loader
 * refuses such a year with this message, and installCalendarYears never installs one.
 */
export function calendarYearProblem(entry: CalendarYear): string | undefined {
  return problemOf(entry, daysOf(entry));
}

/**
 * Installs (or replaces) years of the schedule. Throws on a schedule that contradicts itself
 * (calendarYearProblem), installing none of the given years, so a bad load never shifts a deadline.
 */
export function installCalendarYears(schedule: readonly CalendarYear[]): void {
  const checked = schedule.map((entry) => {
    const days = daysOf(entry);
    const problem = problemOf(entry, days);
    if (problem) throw new RangeError(problem);
    return [entry.year, days] as const;
  });
  for (const [year, days] of checked) years.set(year, days);
}

/** Whether the schedule of `day`'s year is known (else it counts Monday to Friday). */
export function calendarCovers(day: string): boolean {
  return years.has(Number(day.slice(0, 4)));
}

/** Whether `day` (`YYYY-MM-DD`) is a working day in China. */
export function isWorkingDay(day: string): boolean {
  const known = years.get(Number(day.slice(0, 4)));
  if (known?.off.has(day)) return false;
  if (known?.on.has(day)) return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

installCalendarYears(CN_HOLIDAYS);
