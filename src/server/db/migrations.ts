import type { Migration, MigrationProvider } from 'kysely';
import { upcastRecord } from '../../domain/record-upcast';
import { cleanStoredText } from './clean-stored-text';
import { type AnyDb, BACKFILL_CHUNK_ROWS, CHANGE_COUNTER, forEachRow } from './migration-support';
import { erasedTombstones, photoProvenance, recordDepartures, servedAudit } from './scope-migrations';

export { CHANGE_COUNTER } from './migration-support';

const init: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('parent_id', 'text', (col) => col.references('orgs.id'))
      .addColumn('level', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('geometry', 'text')
      .execute();
    await db.schema.createIndex('orgs_parent_id').on('orgs').column('parent_id').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('username', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('demo', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('user_assignments')
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('org_id', 'text', (col) => col.notNull().references('orgs.id'))
      .addPrimaryKeyConstraint('user_assignments_pk', ['user_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('clients')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('acked_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('records')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('grid_id', 'text', (col) => col.notNull())
      .addColumn('rev', 'integer', (col) => col.notNull())
      .addColumn('change_seq', 'bigint', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .addColumn('schema_version', 'integer', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('records_change_seq').on('records').column('change_seq').execute();
    await db.schema
      .createIndex('records_grid_change_seq')
      .on('records')
      .columns(['grid_id', 'change_seq'])
      .execute();

    await db.schema
      .createTable('mutations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('result', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('value', 'bigint', (col) => col.notNull())
      .execute();
    await db.insertInto('counters').values({ name: CHANGE_COUNTER, value: 0 }).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('client_id', 'text')
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text')
      .addColumn('kind', 'text')
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('offline', 'integer')
      .execute();
    await db.schema.createIndex('audit_log_record_id').on('audit_log').column('record_id').execute();
  },
};

/**
 * Keeps every revision of every record (the base a stale push is merged against), starting with
 * the current revision of each record that exists already.
 */
const recordRevisions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('record_revisions')
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('rev', 'integer', (col) => col.notNull())
      .addColumn('envelope', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('record_revisions_pk', ['record_id', 'rev'])
      .execute();

    // Keyset pages by id, so a large table is never held in memory whole.
    let afterId = '';
    for (;;) {
      const rows = await db
        .selectFrom('records')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(BACKFILL_CHUNK_ROWS)
        .execute();
      const last = rows.at(-1);
      if (last === undefined) break;
      await db
        .insertInto('record_revisions')
        .values(rows.map((row) => ({ record_id: row.id, rev: row.rev, envelope: envelopeAt0002(row) })))
        .execute();
      afterId = last.id;
    }
  },
};

/** The wire envelope of a `records` row as the table stood at 0002 (kept here, not imported: history). */
// biome-ignore lint/suspicious/noExplicitAny: a row of Kysely<any>, see AnyDb.
function envelopeAt0002(row: any): string {
  return JSON.stringify({
    id: row.id,
    kind: row.kind,
    gridId: row.grid_id,
    rev: Number(row.rev),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deleted: Number(row.deleted) === 1,
    schemaVersion: Number(row.schema_version),
    body: JSON.parse(row.body),
  });
}

/** Photo metadata (the bytes are files under DATA_DIR/photos) and the photo → record index. */
const photos: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('photos')
      .addColumn('sha256', 'text', (col) => col.primaryKey())
      .addColumn('mime', 'text', (col) => col.notNull())
      .addColumn('size', 'integer', (col) => col.notNull())
      .addColumn('uploaded_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('photo_refs')
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('photo_refs_pk', ['sha256', 'record_id'])
      .execute();
    await db.schema.createIndex('photo_refs_record_id').on('photo_refs').column('record_id').execute();
  },
};

/**
 * Failed sign-ins per key (`account:<username>` or `address:<ip>`) in a fixed window, kept in the
 * database so that several server instances share the counts.
 */
const loginThrottle: Migration = {
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

/**
 * Record bodies to version 2 (record-upcast.ts): the current records, every kept revision, and the
 * records inside stored push results (a replayed mutation answers with them). The audit log keeps
 * what it recorded: it is history. Upcasting is deterministic, so devices that upcast their own
 * copies agree with the server to the byte.
 */
const recordBodiesV2: Migration = {
  async up(db: AnyDb) {
    await forEachRow(db, 'records', 'id', async (row) => {
      if (Number(row.schema_version) !== 1) return;
      const record = upcastRecord({
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
        .set({ envelope: JSON.stringify(upcastRecord(envelope)) })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    });
    await forEachRow(db, 'mutations', 'id', async (row) => {
      const result = JSON.parse(row.result);
      if (result?.record?.schemaVersion !== 1) return;
      await db
        .updateTable('mutations')
        .set({ result: JSON.stringify({ ...result, record: upcastRecord(result.record) }) })
        .where('id', '=', row.id)
        .execute();
    });
  },
};

/**
 * What an audited reveal adds to an audit row: the field revealed, the reason code and note, and
 * the device's own time (`at` stays the server's receive time). One column per statement: SQLite
 * adds one column per ALTER TABLE.
 */
const revealAudit: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('field', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('reason_note', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('device_at', 'text').execute();
  },
};

/** Per-street threshold overrides (street-thresholds.ts); a street without a row uses the defaults. */
const streetSettings: Migration = {
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

/**
 * When the server received each record's last applied write, by its own clock: the envelope's times
 * come from phones (domain/device-clock.ts). Rows written before it take their updatedAt.
 */
const recordsReceivedAt: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('records').addColumn('received_at', 'text').execute();
    await db
      .updateTable('records')
      .set((eb) => ({ received_at: eb.ref('updated_at') }))
      .execute();
  },
};

/**
 * Remote wipe (`revoke-sessions --wipe`): when it was asked for a session, and when the device
 * holding that session reported the wipe done. One column per statement (SQLite).
 */
const sessionWipe: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('sessions').addColumn('wipe_requested_at', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('wiped_at', 'text').execute();
  },
};

/** All migrations, in order. Append only: a released migration never changes. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return {
      '0001_init': init,
      '0002_record_revisions': recordRevisions,
      '0003_photos': photos,
      '0004_login_throttle': loginThrottle,
      '0005_reveal_audit': revealAudit,
      '0006_record_bodies_v2': recordBodiesV2,
      '0007_street_settings': streetSettings,
      '0008_records_received_at': recordsReceivedAt,
      '0009_photo_provenance': photoProvenance,
      '0010_record_departures': recordDepartures,
      '0011_erased_tombstones': erasedTombstones,
      '0012_served_audit': servedAudit,
      '0013_session_wipe': sessionWipe,
      '0014_clean_stored_text': cleanStoredText,
    };
  },
};
