import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/** Photo metadata (the bytes are files under DATA_DIR/photos) and the photo → record index. */
export const photos: Migration = {
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
