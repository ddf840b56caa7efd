import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/** Per-street threshold overrides (street-thresholds.ts); a street without a row uses the defaults. */
export const streetSettings: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('street_settings')
      .addColumn('street_id', 'text', (col) => col.primaryKey())
      .addColumn('thresholds', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .execute();
  },
};
