/**
 * China calendar days (`YYYY-MM-DD`, UTC+8 all year) for the home list. The same arithmetic as
 * src/domain/due-dates.ts, which the list cannot import: that module also defines a zod schema,
 * and zod would add ~13 KB gzipped to the home screen's first chunk (budget: DESIGN.md, 80 KB).
 * tests/app/record-facets.test.ts checks the two agree.
 */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayOfUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The China calendar day on which the instant `ms` falls. */
export function chinaDayOf(ms: number): string {
  return dayOfUtcMs(Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** `day` moved by `days` calendar days; '' when `day` is not `YYYY-MM-DD`. */
export function plusDays(day: string, days: number): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(ms) ? dayOfUtcMs(ms + days * DAY_MS) : '';
}
