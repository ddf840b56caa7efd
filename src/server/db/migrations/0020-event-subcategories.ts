import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * A street's own 上报事件 sub-categories (street-subcategories.ts): a code under a level-one
 * category, with the street's Chinese label. Added and removed by the admin CLI; devices get them
 * with their grids, and a pushed event's new sub-category is one of them or built in.
 */
export const eventSubcategories: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('event_subcategories')
      .addColumn('street_id', 'text', (col) => col.notNull())
      .addColumn('category_l1', 'text', (col) => col.notNull())
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('label', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('event_subcategories_pk', ['street_id', 'category_l1', 'code'])
      .execute();
  },
};
