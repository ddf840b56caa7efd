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

/**
 * Installs (or replaces) years of the schedule. Throws on a schedule that contradicts itself — a
 * day both off and on, a day outside its year, a make-up day that is not a weekend — so a bad
 * load never shifts a deadline; the admin's loader checks the same before storing it.
 */
export function installCalendarYears(schedule: readonly CalendarYear[]): void {
  const checked = schedule.map((entry) => {
    const off = new Set(entry.holidays.flatMap((holiday) => daysFrom(holiday.from, holiday.to)));
    const on = new Set(entry.workdays);
    for (const day of [...off, ...on]) {
      if (!day.startsWith(`${entry.year}-`)) throw new RangeError(`${day} is not in ${entry.year}`);
    }
    for (const day of on) {
      if (off.has(day)) throw new RangeError(`${day} is both a holiday and a working day`);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6)
        throw new RangeError(`${day} is a make-up working day but not a weekend`);
    }
    return [entry.year, { off, on }] as const;
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
