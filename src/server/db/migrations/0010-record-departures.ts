import type { Migration } from 'kysely';
import { type AnyDb, CHANGE_COUNTER, forEachRow } from '../migration-support';

/**
 * Departures of records from grids (records.repository.ts), so a pull names a record that moved
 * out of the caller's grids in `removed`. Moves made before are found in the kept revisions; each
 * moved record takes a new change_seq (its rev and body stay), with its departures at that seq,
 * so phones that pulled past the move without being told drop their copy at their next pull.
 */
export const recordDepartures: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('record_departures')
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('grid_id', 'text', (col) => col.notNull())
      .addColumn('change_seq', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('record_departures_pk', ['record_id', 'grid_id'])
      .execute();
    await db.schema
      .createIndex('record_departures_grid_change_seq')
      .on('record_departures')
      .columns(['grid_id', 'change_seq'])
      .execute();

    // Revisions come ordered by record id, so one record's grids are gathered at a time.
    const moved = new Map<string, Set<string>>();
    let recordId: string | undefined;
    let grids = new Set<string>();
    const settle = async () => {
      if (recordId === undefined) return;
      const row = await db
        .selectFrom('records')
        .select('grid_id')
        .where('id', '=', recordId)
        .executeTakeFirst();
      if (row) grids.delete(row.grid_id);
      if (row && grids.size > 0) moved.set(recordId, grids);
    };
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      if (recordId !== row.record_id) {
        await settle();
        recordId = row.record_id;
        grids = new Set();
      }
      grids.add(JSON.parse(row.envelope).gridId);
    });
    await settle();
    if (moved.size === 0) return;

    // Numbers from the counter row, as a push takes them (its row lock orders the commits).
    const taken = await db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', moved.size) }))
      .where('name', '=', CHANGE_COUNTER)
      .returning('value')
      .executeTakeFirstOrThrow();
    let changeSeq = Number(taken.value) - moved.size;
    for (const [id, left] of moved) {
      changeSeq += 1;
      await db.updateTable('records').set({ change_seq: changeSeq }).where('id', '=', id).execute();
      await db
        .insertInto('record_departures')
        .values([...left].map((gridId) => ({ record_id: id, grid_id: gridId, change_seq: changeSeq })))
        .execute();
    }
  },
};
