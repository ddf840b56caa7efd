import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/** Holiday schedules an admin loaded (work-calendar.ts): one row per year, the schedule as JSON. */
export const calendarYears: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('calendar_years')
      .addColumn('year', 'integer', (col) => col.primaryKey())
      .addColumn('schedule', 'text', (col) => col.notNull())
      .addColumn('loaded_at', 'text', (col) => col.notNull())
      .addColumn('loaded_by', 'text', (col) => col.notNull())
      .execute();
  },
};
