/**
 * Who may read a photo: scope by provenance (DESIGN.md). A hash is no secret — it sits in records
 * on every device in scope — so naming it grants nothing. A user may read a photo they uploaded
 * themselves, or one referenced by a live record they may read (their grids, their role's rules in
 * access-rules.ts) whose reference is proven: the record's author uploaded the bytes (proving they
 * hold them) or could already read the photo when they pushed the reference. A reference pushed
 * before its photo is pending until its author uploads it; records still reach the server first.
 */
import type { Kysely } from 'kysely';
import { canRead, readableKinds, recordFacts } from '../../domain/access-rules';
import { photoIdsOf } from '../../domain/photo';
import type { SessionUser } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { recordFromRow } from '../db/records.repository';
import type { Database } from '../db/schema';
import { deletePhotoRefs, hasUploaded, insertPhotoRefs, recordsProvingPhoto } from './photos.repository';

export async function canReadPhoto(
  db: Kysely<Database>,
  user: SessionUser,
  sha256: string,
): Promise<boolean> {
  if (await hasUploaded(db, sha256, user.id)) return true;
  if (readableKinds(user.role).length === 0) return false;
  const rows = await recordsProvingPhoto(db, sha256, user.scope.gridIds);
  return rows.some((row) => {
    const record = recordFromRow(row);
    return canRead(user.role, record.kind, recordFacts(record), user.id);
  });
}

/**
 * Makes a record's photo references follow its new body (call in the write's transaction, before
 * or after the record row is written: only this record's references change). References the
 * record had already keep their author and proof; a new one is the pusher's, proven if the pusher
 * can read the photo now.
 */
export async function trackPhotoRefs(
  db: Kysely<Database>,
  before: GridRecord | undefined,
  after: GridRecord,
  author: SessionUser,
): Promise<void> {
  const had = new Set(before ? photoIdsOf(before.body) : []);
  const has = photoIdsOf(after.body);
  const hasSet = new Set(has);
  await deletePhotoRefs(
    db,
    after.id,
    [...had].filter((sha256) => !hasSet.has(sha256)),
  );
  const added = has.filter((sha256) => !had.has(sha256));
  const refs = [];
  for (const sha256 of added) {
    const proven = await canReadPhoto(db, author, sha256);
    refs.push({ sha256, record_id: after.id, author_id: author.id, proven: proven ? 1 : 0 });
  }
  await insertPhotoRefs(db, refs);
}
