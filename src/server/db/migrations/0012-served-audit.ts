import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * `serve` audit rows (audit-log.repository.ts) name the records one pull page sent: one row per
 * page, the ids in one column, so a page of 500 records is one row, not 500.
 */
export const servedAudit: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('record_ids', 'text').execute();
  },
};
