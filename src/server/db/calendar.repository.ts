/** The holiday schedules an admin loaded, read for the grids endpoint and at start, written by the CLI. */
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import type { CalendarYear } from '../../domain/work-calendar';
import { calendarYearSchema } from '../../domain/work-calendar-schema';
import type { Database } from './schema';

/** Every loaded year, oldest first. A stored row that no longer parses is left out. */
export async function listCalendarYears(db: Kysely<Database>): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('calendar_years').select(['schedule']).orderBy('year').execute();
  return rows.flatMap((row) => {
    const parsed = z.safeParse(calendarYearSchema, JSON.parse(row.schedule));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Stores (or replaces) one year's schedule. */
export async function saveCalendarYear(
  db: Kysely<Database>,
  entry: CalendarYear,
  at: string,
  by: string,
): Promise<void> {
  const row = { year: entry.year, schedule: JSON.stringify(entry), loaded_at: at, loaded_by: by };
  await db
    .insertInto('calendar_years')
    .values(row)
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ schedule: row.schedule, loaded_at: at, loaded_by: by }),
    )
    .execute();
}
