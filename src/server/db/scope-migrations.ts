/**
 * Migrations for scope and privacy (photo access by provenance, records that leave a grid,
 * tombstones without personal data, the audit of what pulls served). Append only, like migrations.ts, which lists them in order.
 */
import type { Migration } from 'kysely';
import { withoutPersonalData } from '../../domain/personal-fields';
import { photoIdsOf } from '../../domain/photo';
import { type AnyDb, CHANGE_COUNTER, forEachRow } from './migration-support';

/**
 * Photo access by provenance (photo-access.ts): who uploaded each photo, and per record reference
 * its author and whether it is proven. `photo_refs` was filled lazily until now, so it is rebuilt
 * from every record body. References that exist already are taken as proven (their photos stay
 * visible as before: there is no telling afterwards who held the bytes) with the record's last
 * writer as author; only references pushed from now on have to prove themselves.
 */
export const photoProvenance: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('photo_uploads')
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('photo_uploads_pk', ['sha256', 'user_id'])
      .execute();
    await forEachRow(db, 'photos', 'sha256', async (row) => {
      await db.insertInto('photo_uploads').values({ sha256: row.sha256, user_id: row.uploaded_by }).execute();
    });

    await db.schema.alterTable('photo_refs').addColumn('author_id', 'text').execute();
    await db.schema
      .alterTable('photo_refs')
      .addColumn('proven', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.deleteFrom('photo_refs').execute();
    await forEachRow(db, 'records', 'id', async (row) => {
      const ids = photoIdsOf(JSON.parse(row.body));
      if (ids.length === 0) return;
      await db
        .insertInto('photo_refs')
        .values(ids.map((sha256) => ({ sha256, record_id: row.id, author_id: row.updated_by, proven: 1 })))
        .execute();
    });
  },
};

/**
 * Departures of records from grids (records.repository.ts), so a pull names a record that moved
 * out of the caller's grids in `removed`. Moves made before are found in the kept revisions; each
 * moved record takes a new change_seq (its rev and body stay), with its departures at that seq,
 * so phones that pulled past the move without being told drop their copy at their next pull.
 */
export const recordDepartures: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('record_departures')
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('grid_id', 'text', (col) => col.notNull())
      .addColumn('change_seq', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('record_departures_pk', ['record_id', 'grid_id'])
      .execute();
    await db.schema
      .createIndex('record_departures_grid_change_seq')
      .on('record_departures')
      .columns(['grid_id', 'change_seq'])
      .execute();

    // Revisions come ordered by record id, so one record's grids are gathered at a time.
    const moved = new Map<string, Set<string>>();
    let recordId: string | undefined;
    let grids = new Set<string>();
    const settle = async () => {
      if (recordId === undefined) return;
      const row = await db
        .selectFrom('records')
        .select('grid_id')
        .where('id', '=', recordId)
        .executeTakeFirst();
      if (row) grids.delete(row.grid_id);
      if (row && grids.size > 0) moved.set(recordId, grids);
    };
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      if (recordId !== row.record_id) {
        await settle();
        recordId = row.record_id;
        grids = new Set();
      }
      grids.add(JSON.parse(row.envelope).gridId);
    });
    await settle();
    if (moved.size === 0) return;

    // Numbers from the counter row, as a push takes them (its row lock orders the commits).
    const taken = await db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', moved.size) }))
      .where('name', '=', CHANGE_COUNTER)
      .returning('value')
      .executeTakeFirstOrThrow();
    let changeSeq = Number(taken.value) - moved.size;
    for (const [id, left] of moved) {
      changeSeq += 1;
      await db.updateTable('records').set({ change_seq: changeSeq }).where('id', '=', id).execute();
      await db
        .insertInto('record_departures')
        .values([...left].map((gridId) => ({ record_id: id, grid_id: gridId, change_seq: changeSeq })))
        .execute();
    }
  },
};

/**
 * Tombstones keep no personal data (personal-fields.ts): existing ones are erased, with their kept
 * revisions and the records in their stored push results, as a delete does from now on. The audit
 * log keeps what it recorded: it is history. Stored results are found by record, hence the index.
 */
export const erasedTombstones: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('mutations_record_id').on('mutations').column('record_id').execute();
    // biome-ignore lint/suspicious/noExplicitAny: envelopes of Kysely<any> rows, see AnyDb.
    const erase = (envelope: any) => withoutPersonalData(envelope);
    await forEachRow(db, 'records', 'id', async (row) => {
      if (Number(row.deleted) !== 1) return;
      const body = erase({ kind: row.kind, body: JSON.parse(row.body) }).body;
      await db
        .updateTable('records')
        .set({ body: JSON.stringify(body) })
        .where('id', '=', row.id)
        .execute();
      const revisions = await db
        .selectFrom('record_revisions')
        .selectAll()
        .where('record_id', '=', row.id)
        .execute();
      for (const revision of revisions) {
        await db
          .updateTable('record_revisions')
          .set({ envelope: JSON.stringify(erase(JSON.parse(revision.envelope))) })
          .where('record_id', '=', row.id)
          .where('rev', '=', revision.rev)
          .execute();
      }
      const results = await db.selectFrom('mutations').selectAll().where('record_id', '=', row.id).execute();
      for (const stored of results) {
        const result = JSON.parse(stored.result);
        if (!result?.record) continue;
        await db
          .updateTable('mutations')
          .set({ result: JSON.stringify({ ...result, record: erase(result.record) }) })
          .where('id', '=', stored.id)
          .execute();
      }
    });
  },
};

/**
 * `serve` audit rows (audit-log.repository.ts) name the records one pull page sent: one row per
 * page, the ids in one column, so a page of 500 records is one row, not 500.
 */
export const servedAudit: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('record_ids', 'text').execute();
  },
};
