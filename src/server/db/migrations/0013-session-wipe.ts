import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * Remote wipe (`revoke-sessions --wipe`): when it was asked for a session, and when the device
 * holding that session reported the wipe done. One column per statement (SQLite).
 */
export const sessionWipe: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('sessions').addColumn('wipe_requested_at', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('wiped_at', 'text').execute();
  },
};
