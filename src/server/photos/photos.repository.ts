/**
 * Photo metadata, who uploaded each photo, and the photo references of records with their proof.
 * The tables are declared here rather than in db/schema.ts and reached through `withTables`, so
 * the photo code is self-contained.
 *
 * `photo_refs` holds one row per (record, photo) the record's body references, with who pushed the
 * reference (`author_id`) and whether it is `proven`: the author uploaded those bytes, or could read
 * the photo when they pushed the reference. Only a proven reference lets the record's readers see
 * the photo (photo-access.ts). Rows follow the body on every write (tombstones keep theirs, unused,
 * so a restore keeps its proof).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface PhotosTable {
  sha256: string;
  mime: string;
  size: number;
  /** Who stored the photo first (photo_uploads lists everyone who uploaded it). */
  uploaded_by: string;
  created_at: string;
}

/** Everyone who uploaded a photo's bytes, which proves they hold them. */
export interface PhotoUploadsTable {
  sha256: string;
  user_id: string;
}

export interface PhotoRefsTable {
  sha256: string;
  record_id: string;
  /** Who pushed the reference; null on rows made before references had authors (treated as proven). */
  author_id: string | null;
  /** 1 once the author uploaded the bytes or could read the photo when referencing it. */
  proven: number;
}

type PhotoTables = { photos: PhotosTable; photo_uploads: PhotoUploadsTable; photo_refs: PhotoRefsTable };

function photoDb(db: Kysely<Database>): Kysely<Database & PhotoTables> {
  return db.withTables<PhotoTables>();
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

/**
 * Notes that `userId` uploaded the bytes of `sha256` (the server checked the hash), and proves
 * their references still waiting for those bytes.
 */
export async function recordUpload(db: Kysely<Database>, sha256: string, userId: string): Promise<void> {
  const pdb = photoDb(db);
  await pdb
    .insertInto('photo_uploads')
    .values({ sha256, user_id: userId })
    .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing())
    .execute();
  await pdb
    .updateTable('photo_refs')
    .set({ proven: 1 })
    .where('sha256', '=', sha256)
    .where('author_id', '=', userId)
    .where('proven', '=', 0)
    .execute();
}

export async function hasUploaded(db: Kysely<Database>, sha256: string, userId: string): Promise<boolean> {
  const row = await photoDb(db)
    .selectFrom('photo_uploads')
    .select('user_id')
    .where('sha256', '=', sha256)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Live records in `gridIds` with a proven reference to the photo (their readers may see it). */
export async function recordsProvingPhoto(
  db: Kysely<Database>,
  sha256: string,
  gridIds: readonly string[],
): Promise<Database['records'][]> {
  if (gridIds.length === 0) return [];
  return photoDb(db)
    .selectFrom('photo_refs')
    .innerJoin('records', 'records.id', 'photo_refs.record_id')
    .where('photo_refs.sha256', '=', sha256)
    .where('photo_refs.proven', '=', 1)
    .where('records.grid_id', 'in', [...gridIds])
    .where('records.deleted', '=', 0)
    .selectAll('records')
    .execute();
}

/** Drops the references of `recordId` to photos its body no longer names. */
export async function deletePhotoRefs(
  db: Kysely<Database>,
  recordId: string,
  sha256s: readonly string[],
): Promise<void> {
  if (sha256s.length === 0) return;
  await photoDb(db)
    .deleteFrom('photo_refs')
    .where('record_id', '=', recordId)
    .where('sha256', 'in', [...sha256s])
    .execute();
}

/** Adds references of a record; a reference it has already keeps its author and proof. */
export async function insertPhotoRefs(db: Kysely<Database>, refs: readonly PhotoRefsTable[]): Promise<void> {
  if (refs.length === 0) return;
  await photoDb(db)
    .insertInto('photo_refs')
    .values([...refs])
    .onConflict((oc) => oc.columns(['sha256', 'record_id']).doNothing())
    .execute();
}
