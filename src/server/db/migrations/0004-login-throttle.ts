import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * Failed sign-ins per key (`account:<username>` or `address:<ip>`) in a fixed window, kept in the
 * database so that several server instances share the counts.
 */
export const loginThrottle: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('window_start', 'text', (col) => col.notNull())
      .addColumn('failures', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('login_throttle_window_start')
      .on('login_throttle')
      .column('window_start')
      .execute();
  },
};
