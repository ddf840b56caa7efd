import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * What each device last said it holds unsynced (a pull's `unsynced`), and when: the supervisor's
 * screen names the people whose work is not yet in its figures. One column per statement (SQLite).
 */
export const clientUnsynced: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('clients').addColumn('unsynced', 'integer').execute();
    await db.schema.alterTable('clients').addColumn('unsynced_at', 'text').execute();
  },
};
