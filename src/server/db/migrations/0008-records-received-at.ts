import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * When the server received each record's last applied write, by its own clock: the envelope's times
 * come from phones (domain/device-clock.ts). Rows written before it take their updatedAt.
 */
export const recordsReceivedAt: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('records').addColumn('received_at', 'text').execute();
    await db
      .updateTable('records')
      .set((eb) => ({ received_at: eb.ref('updated_at') }))
      .execute();
  },
};
