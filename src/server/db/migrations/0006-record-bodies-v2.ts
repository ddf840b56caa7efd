import type { Migration } from 'kysely';
import { upcastV1ToV2 } from '../../../domain/upcasts/v1-to-v2';
import { type AnyDb, forEachRow } from '../migration-support';

/**
 * Record bodies to version 2 (the frozen step domain/upcasts/v1-to-v2.ts): the current records, every kept revision, and the
 * records inside stored push results (a replayed mutation answers with them). The audit log keeps
 * what it recorded: it is history. Upcasting is deterministic, so devices that upcast their own
 * copies agree with the server to the byte.
 */
export const recordBodiesV2: Migration = {
  async up(db: AnyDb) {
    await forEachRow(db, 'records', 'id', async (row) => {
      if (Number(row.schema_version) !== 1) return;
      const record = upcastV1ToV2({
        kind: row.kind,
        id: row.id,
        schemaVersion: 1,
        body: JSON.parse(row.body),
      });
      const { schemaVersion, body } = record as { schemaVersion: number; body: unknown };
      await db
        .updateTable('records')
        .set({ schema_version: schemaVersion, body: JSON.stringify(body) })
        .where('id', '=', row.id)
        .execute();
    });
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      const envelope = JSON.parse(row.envelope);
      if (envelope.schemaVersion !== 1) return;
      await db
        .updateTable('record_revisions')
        .set({ envelope: JSON.stringify(upcastV1ToV2(envelope)) })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    });
    await forEachRow(db, 'mutations', 'id', async (row) => {
      const result = JSON.parse(row.result);
      if (result?.record?.schemaVersion !== 1) return;
      await db
        .updateTable('mutations')
        .set({ result: JSON.stringify({ ...result, record: upcastV1ToV2(result.record) }) })
        .where('id', '=', row.id)
        .execute();
    });
  },
};
