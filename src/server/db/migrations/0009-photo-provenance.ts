import type { Migration } from 'kysely';
import { type AnyDb, forEachRow } from '../migration-support';

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
 * Every photo id in a body at any depth (a `photoIds` list anywhere), as domain/photo.ts read
 * bodies at this migration. FROZEN: copied, not imported, so later changes cannot rewrite history.
 */
function photoIdsOf(body: unknown): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'photoIds' && Array.isArray(child)) {
        for (const id of child) if (typeof id === 'string') ids.add(id);
      } else if (typeof child === 'object' && child !== null) {
        visit(child);
      }
    }
  };
  visit(body);
  return [...ids];
}
