/**
 * The admin CLI's holiday schedule (work-calendar.ts): the State Council publishes next year's
 * 法定节假日 and 调休 make-up days each November or December; an admin loads them from a JSON file
 * ({ year, holidays: [{ name, from, to }], workdays: [...] }). Checked before anything is stored,
 * audited with what it replaced, and sent to devices with their grids, so every deadline counts on it.
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { type CalendarYear, calendarYearProblem, installCalendarYears } from '../../domain/work-calendar';
import { calendarYearSchema } from '../../domain/work-calendar-schema';
import { insertAuditEntry } from '../db/audit-log.repository';
import { listCalendarYears, saveCalendarYear } from '../db/calendar.repository';
import { type AdminContext, AdminError } from './admin-commands';

/** Reads, checks, stores and audits one year's schedule; answers it as stored. */
export async function loadCalendarYear(ctx: AdminContext, file: string): Promise<CalendarYear> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AdminError(
      `Could not read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = z.safeParse(calendarYearSchema, json);
  if (!parsed.success) {
    const problem =
      typeof json === 'object' && json !== null ? calendarYearProblem(json as CalendarYear) : undefined;
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(the year)'))];
    throw new AdminError(
      problem
        ? `The schedule contradicts itself: ${problem}. Nothing was loaded.`
        : `Not a holiday schedule: check ${fields.join(', ')} ({ year, holidays: [{ name, from, to }], workdays: [YYYY-MM-DD] }). Nothing was loaded.`,
    );
  }
  const entry = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await listCalendarYears(trx)).find((stored) => stored.year === entry.year) ?? null;
    const at = ctx.now().toISOString();
    await saveCalendarYear(trx, entry, at, ctx.actor);
    await insertAuditEntry(trx, {
      at,
      userId: ctx.actor,
      action: 'admin.loadCalendar',
      before,
      after: entry,
    });
    return entry;
  });
}

/** Installs the loaded years over the built-in ones: at start, and before serving them. */
export async function installStoredCalendar(ctx: Pick<AdminContext, 'db'>): Promise<CalendarYear[]> {
  const years = await listCalendarYears(ctx.db);
  installCalendarYears(years);
  return years;
}
