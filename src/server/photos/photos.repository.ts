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
import { chunks, MAX_IDS, rowsPerStatement } from '../db/statement-chunks';

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

/** The photo references of the records `recordIds`. */
export async function findPhotoRefsOf(
  db: Kysely<Database>,
  recordIds: readonly string[],
): Promise<PhotoRefsTable[]> {
  const refs: PhotoRefsTable[] = [];
  for (const chunk of chunks(recordIds, MAX_IDS)) {
    refs.push(
      ...(await photoDb(db).selectFrom('photo_refs').selectAll().where('record_id', 'in', chunk).execute()),
    );
  }
  return refs;
}

/** Which of `sha256s` `userId` uploaded. */
export async function uploadedBy(
  db: Kysely<Database>,
  userId: string,
  sha256s: readonly string[],
): Promise<Set<string>> {
  const uploaded = new Set<string>();
  for (const chunk of chunks(sha256s, MAX_IDS)) {
    const rows = await photoDb(db)
      .selectFrom('photo_uploads')
      .select('sha256')
      .where('user_id', '=', userId)
      .where('sha256', 'in', chunk)
      .execute();
    for (const row of rows) uploaded.add(row.sha256);
  }
  return uploaded;
}

/** recordsProvingPhoto for several photos at once: each live record in `gridIds` with the photo it proves. */
export async function recordsProvingPhotos(
  db: Kysely<Database>,
  sha256s: readonly string[],
  gridIds: readonly string[],
): Promise<(Database['records'] & { proves: string })[]> {
  if (gridIds.length === 0) return [];
  const rows: (Database['records'] & { proves: string })[] = [];
  for (const chunk of chunks(sha256s, MAX_IDS)) {
    rows.push(
      ...(await photoDb(db)
        .selectFrom('photo_refs')
        .innerJoin('records', 'records.id', 'photo_refs.record_id')
        .where('photo_refs.sha256', 'in', chunk)
        .where('photo_refs.proven', '=', 1)
        .where('records.grid_id', 'in', [...gridIds])
        .where('records.deleted', '=', 0)
        .selectAll('records')
        .select('photo_refs.sha256 as proves')
        .execute()),
    );
  }
  return rows;
}

/** Drops these references (record and photo). */
export async function deletePhotoRefs(
  db: Kysely<Database>,
  refs: readonly { record_id: string; sha256: string }[],
): Promise<void> {
  for (const chunk of chunks(refs, MAX_IDS)) {
    await photoDb(db)
      .deleteFrom('photo_refs')
      .where((eb) =>
        eb(
          eb.refTuple('record_id', 'sha256'),
          'in',
          chunk.map((ref) => eb.tuple(ref.record_id, ref.sha256)),
        ),
      )
      .execute();
  }
}

/** Adds references of records; a reference a record has already keeps its author and proof. */
export async function insertPhotoRefs(db: Kysely<Database>, refs: readonly PhotoRefsTable[]): Promise<void> {
  for (const chunk of chunks(refs, rowsPerStatement(4))) {
    await photoDb(db)
      .insertInto('photo_refs')
      .values(chunk)
      .onConflict((oc) => oc.columns(['sha256', 'record_id']).doNothing())
      .execute();
  }
}
