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
import type { SessionUser } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { recordFromRow } from '../db/records.repository';
import type { Database } from '../db/schema';
import { hasUploaded, recordsProvingPhoto } from './photos.repository';

export async function canReadPhoto(
  db: Kysely<Database>,
  user: SessionUser,
  sha256: string,
): Promise<boolean> {
  if (await hasUploaded(db, sha256, user.id)) return true;
  if (readableKinds(user.role).length === 0) return false;
  const rows = await recordsProvingPhoto(db, sha256, user.scope.gridIds);
  return mayReadPhoto(user, false, rows.map(recordFromRow));
}

/**
 * The rule itself, over what the caller found: whether `user` uploaded the photo, and the live
 * records in their grids holding a proven reference to it (push-photo-refs.ts finds those for a
 * whole push at once).
 */
export function mayReadPhoto(user: SessionUser, uploaded: boolean, proving: Iterable<GridRecord>): boolean {
  if (uploaded) return true;
  for (const record of proving) {
    if (canRead(user.role, record.kind, recordFacts(record), user)) return true;
  }
  return false;
}
