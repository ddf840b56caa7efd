/**
 * `event_clocks` (migration 0019): each 上报事件 that can still earn a card, with the last day before
 * its next one (event-supervision.ts nextCardDay). Every write of an event writes its row in the
 * same transaction (a push, the demo seed, the supervision's own cards), so the row always says
 * what the stored event says, and the job reads the due ones through the `due_day` index.
 */
import type { Kysely } from 'kysely';
import { nextCardDay } from '../../domain/event-supervision';
import type { GridRecord } from '../../domain/record-envelope';
import type { Database, EventClocksTable } from './schema';
import { chunks, MAX_IDS, rowsPerStatement } from './statement-chunks';

const CLOCK_COLUMNS = 7;

/** The row of a stored event; undefined when it has no card left to earn (finished, red, deleted). */
function clockRow(record: GridRecord): EventClocksTable | undefined {
  if (record.kind !== 'gridEvent' || record.deleted) return undefined;
  const { body } = record;
  const due = nextCardDay(body);
  if (body.clock === undefined || due === undefined) return undefined;
  const card = body.supervision === 'yellow' || body.supervision === 'red' ? body.supervision : 'none';
  return {
    record_id: record.id,
    grid_id: record.gridId,
    step_key: body.clock.stepKey,
    yellow_day: body.clock.yellowDay,
    red_day: body.clock.redDay,
    card,
    due_day: due,
  };
}

/** Writes the rows of the events among `records` as they are now stored (call in their transaction). */
export async function saveEventClocks(db: Kysely<Database>, records: readonly GridRecord[]): Promise<void> {
  const events = records.filter((record) => record.kind === 'gridEvent');
  if (events.length === 0) return;
  const rows: EventClocksTable[] = [];
  const done: string[] = [];
  for (const record of events) {
    const row = clockRow(record);
    if (row) rows.push(row);
    else done.push(record.id);
  }
  for (const ids of chunks(done, MAX_IDS)) {
    await db.deleteFrom('event_clocks').where('record_id', 'in', ids).execute();
  }
  for (const chunk of chunks(rows, rowsPerStatement(CLOCK_COLUMNS))) {
    await db
      .insertInto('event_clocks')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('record_id').doUpdateSet((eb) => ({
          grid_id: eb.ref('excluded.grid_id'),
          step_key: eb.ref('excluded.step_key'),
          yellow_day: eb.ref('excluded.yellow_day'),
          red_day: eb.ref('excluded.red_day'),
          card: eb.ref('excluded.card'),
          due_day: eb.ref('excluded.due_day'),
        })),
      )
      .execute();
  }
}

export type DueClock = Pick<EventClocksTable, 'record_id' | 'grid_id'> & { due_day: string };

/**
 * Up to `limit` events whose next card is due on `today` (its day has passed), in (due_day,
 * record_id) order after `after`; only those of `recordIds` when given.
 */
export async function findDueEventClocks(
  db: Kysely<Database>,
  options: {
    today: string;
    limit: number;
    after?: { dueDay: string; recordId: string } | undefined;
    recordIds?: readonly string[] | undefined;
  },
): Promise<DueClock[]> {
  const { today, after, recordIds } = options;
  let query = db
    .selectFrom('event_clocks')
    .select(['record_id', 'grid_id', 'due_day'])
    .where('due_day', '<', today)
    .orderBy('due_day')
    .orderBy('record_id')
    .limit(options.limit);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('due_day', '>', after.dueDay),
        eb.and([eb('due_day', '=', after.dueDay), eb('record_id', '>', after.recordId)]),
      ]),
    );
  if (recordIds) query = query.where('record_id', 'in', [...recordIds]);
  const rows = await query.execute();
  return rows.map((row) => ({ record_id: row.record_id, grid_id: row.grid_id, due_day: row.due_day ?? '' }));
}
