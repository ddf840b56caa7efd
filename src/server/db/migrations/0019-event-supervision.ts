import type { Migration } from 'kysely';
import { type AnyDb, BACKFILL_CHUNK_ROWS } from '../migration-support';

/**
 * The server's supervision of 上报事件 (issue 12 §6):
 * - `event_clocks`: one row per event with a running step clock, written in the transaction of
 *   every write of the event: its step, the last days of its limits, the card it carries and
 *   `due_day`, the last day before its next card, indexed so the job finds what is due without
 *   reading every record. No row: finished, deleted, or red already.
 * - `scheduled_jobs`: the claim a server process takes to run a job (only one at a time), with a
 *   lease another process takes over once it runs out (a process that died mid-run), and when the
 *   job is next due.
 * Events stored before it get their rows from their stored clock; the rule of the due day is
 * copied here as it is today (event-supervision.ts nextCardDay), so the migration stays frozen.
 */
export const eventSupervision: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('event_clocks')
      .addColumn('record_id', 'text', (col) => col.primaryKey())
      .addColumn('grid_id', 'text', (col) => col.notNull())
      .addColumn('step_key', 'text', (col) => col.notNull())
      .addColumn('yellow_day', 'text', (col) => col.notNull())
      .addColumn('red_day', 'text', (col) => col.notNull())
      .addColumn('card', 'text', (col) => col.notNull())
      .addColumn('due_day', 'text')
      .execute();
    await db.schema
      .createIndex('event_clocks_due')
      .on('event_clocks')
      .columns(['due_day', 'record_id'])
      .execute();
    await db.schema
      .createTable('scheduled_jobs')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('next_run_at', 'text', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .execute();

    let after = '';
    for (;;) {
      const rows: { id: string; grid_id: string; body: string }[] = await db
        .selectFrom('records')
        .select(['id', 'grid_id', 'body'])
        .where('kind', '=', 'gridEvent')
        .where('deleted', '=', 0)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BACKFILL_CHUNK_ROWS)
        .execute();
      const clocks = rows.flatMap((row) => {
        const body = JSON.parse(row.body) as {
          supervision?: string;
          clock?: { stepKey: string; yellowDay: string; redDay: string };
        };
        const clock = body.clock;
        // Finished (no clock) or red already: no card left to earn, no row.
        if (!clock || body.supervision === 'red') return [];
        const card = body.supervision === 'yellow' ? 'yellow' : 'none';
        const due = card === 'yellow' ? clock.redDay : clock.yellowDay;
        return [
          {
            record_id: row.id,
            grid_id: row.grid_id,
            step_key: clock.stepKey,
            yellow_day: clock.yellowDay,
            red_day: clock.redDay,
            card,
            due_day: due,
          },
        ];
      });
      if (clocks.length > 0) await db.insertInto('event_clocks').values(clocks).execute();
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
    }
  },
};
