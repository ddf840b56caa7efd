/**
 * Photo metadata and the photo → record index. The tables are declared here rather than in
 * db/schema.ts and reached through `withTables`, so the photo code is self-contained.
 *
 * `photo_refs` is an index, never the authority: every hit is checked against the record's current
 * body before a photo is served, so a stale row cannot leak a photo. It is filled by
 * `replacePhotoRefs` (for the push apply code to call when it writes a record) and, until then,
 * lazily by `findReferencingRecord` when it has to fall back to searching record bodies.
 */
import type { Kysely } from 'kysely';
import { photoIdsOf } from '../../domain/photo';
import type { Database } from '../db/schema';

export interface PhotosTable {
  sha256: string;
  mime: string;
  size: number;
  /** Who stored the photo first; they may read it before any record references it. */
  uploaded_by: string;
  created_at: string;
}

export interface PhotoRefsTable {
  sha256: string;
  record_id: string;
}

type PhotoDatabase = Database & { photos: PhotosTable; photo_refs: PhotoRefsTable };

function photoDb(db: Kysely<Database>): Kysely<PhotoDatabase> {
  return db.withTables<{ photos: PhotosTable; photo_refs: PhotoRefsTable }>();
}

export async function findPhoto(db: Kysely<Database>, sha256: string): Promise<PhotosTable | undefined> {
  return photoDb(db).selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** Inserts the metadata of a photo; answers false when it was stored already (a concurrent PUT too). */
export async function insertPhoto(db: Kysely<Database>, photo: PhotosTable): Promise<boolean> {
  const result = await photoDb(db)
    .insertInto('photos')
    .values(photo)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Makes `photo_refs` list exactly the photos `body` references (none for a deleted record). */
export async function replacePhotoRefs(
  db: Kysely<Database>,
  record: { id: string; deleted: boolean; body: unknown },
): Promise<void> {
  const pdb = photoDb(db);
  await pdb.deleteFrom('photo_refs').where('record_id', '=', record.id).execute();
  const ids = record.deleted ? [] : photoIdsOf(record.body);
  if (ids.length > 0)
    await pdb
      .insertInto('photo_refs')
      .values(ids.map((sha256) => ({ sha256, record_id: record.id })))
      .onConflict((oc) => oc.columns(['sha256', 'record_id']).doNothing())
      .execute();
}

/**
 * The id of a live record in `gridIds` whose current body references the photo, or undefined.
 * Looks in `photo_refs` first, then searches record bodies and remembers what it found.
 */
export async function findReferencingRecord(
  db: Kysely<Database>,
  sha256: string,
  gridIds: readonly string[],
): Promise<string | undefined> {
  if (gridIds.length === 0) return undefined;
  const pdb = photoDb(db);
  const indexed = await pdb
    .selectFrom('photo_refs')
    .innerJoin('records', 'records.id', 'photo_refs.record_id')
    .where('photo_refs.sha256', '=', sha256)
    .where('records.grid_id', 'in', [...gridIds])
    .where('records.deleted', '=', 0)
    .select(['records.id', 'records.body'])
    .execute();
  const hit = indexed.find((row) => photoIdsOf(JSON.parse(row.body)).includes(sha256));
  if (hit) return hit.id;

  // A sha256 is 64 hex digits, so a text search finds the few bodies that can hold it.
  const searched = await pdb
    .selectFrom('records')
    .where('grid_id', 'in', [...gridIds])
    .where('deleted', '=', 0)
    .where('body', 'like', `%${sha256}%`)
    .select(['id', 'deleted', 'body'])
    .execute();
  let found: string | undefined;
  for (const row of searched) {
    const body: unknown = JSON.parse(row.body);
    if (!photoIdsOf(body).includes(sha256)) continue;
    await replacePhotoRefs(db, { id: row.id, deleted: row.deleted === 1, body });
    found ??= row.id;
  }
  return found;
}
