import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * A street's own 上报事件 time limits (event-supervision.ts): per level-one category and step (受理,
 * 办理, 验证), the yellow and the red limit in working days. A street without a row for a category
 * and step uses the defaults.
 */
export const eventTimeLimits: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('event_time_limits')
      .addColumn('street_id', 'text', (col) => col.notNull())
      .addColumn('category_l1', 'text', (col) => col.notNull())
      .addColumn('step', 'text', (col) => col.notNull())
      .addColumn('yellow_days', 'integer', (col) => col.notNull())
      .addColumn('red_days', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('event_time_limits_pk', ['street_id', 'category_l1', 'step'])
      .execute();
  },
};
