/**
 * The photo references of one push batch (photo-access.ts says who may read a photo): read for
 * the whole batch at once, kept in memory as the batch decides, written at the end as one delete
 * and one insert. Each write makes its record's references follow the new body exactly as a write
 * on its own would: references the record had keep their author and proof; a new one is the
 * pusher's, proven if the pusher could read the photo at that moment — with the records and
 * references as the earlier mutations of the batch left them, this record's new row included.
 */
import type { Kysely } from 'kysely';
import { readableKinds } from '../../domain/access-rules';
import { photoIdsOf } from '../../domain/photo';
import type { SessionUser } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { recordFromRow } from '../db/records.repository';
import type { Database } from '../db/schema';
import { mayReadPhoto } from './photo-access';
import {
  deletePhotoRefs,
  findPhotoRefsOf,
  insertPhotoRefs,
  type PhotoRefsTable,
  recordsProvingPhotos,
  uploadedBy,
} from './photos.repository';

type Refs = Map<string, PhotoRefsTable>;

export class PushPhotoRefs {
  /** The references of the batch's records as stored, by record id, then photo. */
  readonly #stored = new Map<string, Refs>();
  /** The references of the records the batch wrote so far, as it left them. */
  readonly #written = new Map<string, Refs>();
  readonly #uploaded: Set<string>;
  /** Stored records (not yet written by the batch) with a proven reference, by photo. */
  readonly #provers = new Map<string, GridRecord[]>();
  /** The photos whose proof was read; asking about another is a bug, not a refusal. */
  readonly #known: Set<string>;

  private readonly user: SessionUser;
  private readonly recordNow: (id: string) => GridRecord | undefined;

  private constructor(
    user: SessionUser,
    recordNow: (id: string) => GridRecord | undefined,
    stored: readonly PhotoRefsTable[],
    uploaded: Set<string>,
    provers: readonly (Database['records'] & { proves: string })[],
    known: Set<string>,
  ) {
    this.user = user;
    this.recordNow = recordNow;
    for (const ref of stored) refsIn(this.#stored, ref.record_id).set(ref.sha256, ref);
    this.#uploaded = uploaded;
    for (const row of provers) {
      const list = this.#provers.get(row.proves) ?? [];
      list.push(recordFromRow(row));
      this.#provers.set(row.proves, list);
    }
    this.#known = known;
  }

  /**
   * Reads what the batch may need: the references of its records, and for every photo a pushed or
   * stored body names, whether the pusher uploaded it and which stored records prove it. Nothing
   * is read when no body names a photo.
   */
  static async load(
    db: Kysely<Database>,
    user: SessionUser,
    records: { pushed: readonly GridRecord[]; stored: Iterable<GridRecord> },
    recordNow: (id: string) => GridRecord | undefined,
  ): Promise<PushPhotoRefs> {
    const photos = new Set<string>();
    for (const record of records.pushed) for (const sha256 of photoIdsOf(record.body)) photos.add(sha256);
    for (const record of records.stored) for (const sha256 of photoIdsOf(record.body)) photos.add(sha256);
    if (photos.size === 0) return new PushPhotoRefs(user, recordNow, [], new Set(), [], photos);
    const ids = [...new Set(records.pushed.map((record) => record.id))];
    const stored = await findPhotoRefsOf(db, ids);
    const uploaded = await uploadedBy(db, user.id, [...photos]);
    const unproven = [...photos].filter((sha256) => !uploaded.has(sha256));
    const provers =
      unproven.length > 0 && readableKinds(user.role).length > 0
        ? await recordsProvingPhotos(db, unproven, user.scope.gridIds)
        : [];
    return new PushPhotoRefs(user, recordNow, stored, uploaded, provers, photos);
  }

  /** Makes the references of `after` follow its body; call once the batch holds `after` as the record. */
  track(before: GridRecord | undefined, after: GridRecord): void {
    const had = new Set(before ? photoIdsOf(before.body) : []);
    const has = photoIdsOf(after.body);
    const hasSet = new Set(has);
    let refs = this.#written.get(after.id);
    if (!refs) {
      refs = new Map(this.#stored.get(after.id));
      this.#written.set(after.id, refs);
    }
    for (const sha256 of had) if (!hasSet.has(sha256)) refs.delete(sha256);
    // Every proof is decided before any of this record's new references exists, as one write does.
    const added = has
      .filter((sha256) => !had.has(sha256))
      .map(
        (sha256): PhotoRefsTable => ({
          sha256,
          record_id: after.id,
          author_id: this.user.id,
          proven: this.#canRead(sha256) ? 1 : 0,
        }),
      );
    for (const ref of added) if (!refs.has(ref.sha256)) refs.set(ref.sha256, ref);
  }

  /** Writes the difference between the stored references and the batch's (call inside its transaction). */
  async write(db: Kysely<Database>): Promise<void> {
    const dropped: PhotoRefsTable[] = [];
    const added: PhotoRefsTable[] = [];
    for (const [recordId, refs] of this.#written) {
      const stored = this.#stored.get(recordId) ?? new Map<string, PhotoRefsTable>();
      for (const [sha256, ref] of stored) if (refs.get(sha256) !== ref) dropped.push(ref);
      for (const [sha256, ref] of refs) if (stored.get(sha256) !== ref) added.push(ref);
    }
    await deletePhotoRefs(db, dropped);
    await insertPhotoRefs(db, added);
  }

  #canRead(sha256: string): boolean {
    if (!this.#known.has(sha256)) throw new Error(`Photo ${sha256} was not read before the push decided`);
    return mayReadPhoto(this.user, this.#uploaded.has(sha256), this.#proving(sha256));
  }

  /** The live records in the pusher's grids with a proven reference to the photo, as the batch stands. */
  *#proving(sha256: string): Generator<GridRecord> {
    for (const record of this.#provers.get(sha256) ?? []) {
      if (!this.#written.has(record.id)) yield record;
    }
    const scope = new Set(this.user.scope.gridIds);
    for (const [recordId, refs] of this.#written) {
      if (refs.get(sha256)?.proven !== 1) continue;
      const record = this.recordNow(recordId);
      if (record && !record.deleted && scope.has(record.gridId)) yield record;
    }
  }
}

function refsIn(map: Map<string, Refs>, recordId: string): Refs {
  let refs = map.get(recordId);
  if (!refs) {
    refs = new Map();
    map.set(recordId, refs);
  }
  return refs;
}
