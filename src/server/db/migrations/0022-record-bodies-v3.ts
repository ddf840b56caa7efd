import type { Migration } from 'kysely';
import { upcastV2ToV3 } from '../../../domain/upcasts/v2-to-v3';
import { type AnyDb, forEachRow } from '../migration-support';

/**
 * Record bodies to version 3 (the frozen step domain/upcasts/v2-to-v3.ts: a dispute may carry
 * signatures; no body changes). The current records move in one statement; every kept revision and
 * the records inside stored push results (a replayed mutation answers with them) are upcast row by
 * row, so a replay answers in the version a pull does.
 */
export const recordBodiesV3: Migration = {
  async up(db: AnyDb) {
    await db.updateTable('records').set({ schema_version: 3 }).where('schema_version', '=', 2).execute();
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      const envelope = JSON.parse(row.envelope);
      const upcast = upcastV2ToV3(envelope);
      if (upcast === envelope) return;
      await db
        .updateTable('record_revisions')
        .set({ envelope: JSON.stringify(upcast) })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    });
    await forEachRow(db, 'mutations', 'id', async (row) => {
      const result = JSON.parse(row.result);
      const record = result?.record;
      const upcast = upcastV2ToV3(record);
      if (upcast === record) return;
      await db
        .updateTable('mutations')
        .set({ result: JSON.stringify({ ...result, record: upcast }) })
        .where('id', '=', row.id)
        .execute();
    });
  },
};
