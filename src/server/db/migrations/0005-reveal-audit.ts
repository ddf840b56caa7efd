import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * What an audited reveal adds to an audit row: the field revealed, the reason code and note, and
 * the device's own time (`at` stays the server's receive time). One column per statement: SQLite
 * adds one column per ALTER TABLE.
 */
export const revealAudit: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('field', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('reason_note', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('device_at', 'text').execute();
  },
};
