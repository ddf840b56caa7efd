/**
 * Photos on the device: hashing and checking picked bytes, keeping them in the `photos` table until
 * the server has them, and reading them back for display — from the device, or fetched once from
 * the server and kept for offline use. Runs in the page and the service worker (no DOM here).
 */
import {
  bytesMatchMimeType,
  isPhotoMimeType,
  MAX_PHOTO_BYTES,
  type PhotoMimeType,
  sha256HexSchema,
} from '../domain/photo';
import type { HttpDeps } from './http';
import type { LocalDb, LocalPhoto } from './local-db';
import { isQuotaError, StorageFullError } from './outbox';

/** A photo ready to be stored: its id is the sha256 of exactly these bytes. */
export interface PhotoDraft {
  sha256: string;
  mime: PhotoMimeType;
  bytes: ArrayBuffer;
}

/** Why a picked file cannot become a photo; the app shows a Chinese message for each. */
export class PhotoInvalidError extends Error {
  readonly reason: 'not-image' | 'too-large';
  constructor(reason: PhotoInvalidError['reason'], message: string) {
    super(message);
    this.name = 'PhotoInvalidError';
    this.reason = reason;
  }
}

/** Lowercase hex sha256 (Web Crypto: page, service worker and Node alike). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Checks type, size and signature of image bytes and names them by hash. */
export async function photoDraft(bytes: ArrayBuffer, mime: string): Promise<PhotoDraft> {
  if (!isPhotoMimeType(mime) || !bytesMatchMimeType(new Uint8Array(bytes), mime))
    throw new PhotoInvalidError('not-image', `Not a JPEG, PNG or WebP image (${mime || 'no type'})`);
  if (bytes.byteLength > MAX_PHOTO_BYTES)
    throw new PhotoInvalidError(
      'too-large',
      `The photo is ${bytes.byteLength} bytes; at most ${MAX_PHOTO_BYTES}`,
    );
  return { sha256: await sha256Hex(bytes), mime, bytes };
}

/**
 * Keeps the photos of a record on the device, to be uploaded after the records. Call it before
 * saving the record that references them, so a record never names a photo the device lacks.
 * A photo already kept (the same bytes added again) keeps its upload state.
 */
export async function storePhotos(
  db: LocalDb,
  drafts: readonly PhotoDraft[],
  recordId: string,
  now: Date,
): Promise<void> {
  if (drafts.length === 0) return;
  try {
    await db.transaction('rw', db.photos, async () => {
      const existing = await db.photos.bulkGet(drafts.map((d) => d.sha256));
      const fresh = drafts.filter((_, index) => existing[index] === undefined);
      await db.photos.bulkPut(
        fresh.map(
          (draft): LocalPhoto => ({
            sha256: draft.sha256,
            mime: draft.mime,
            bytes: draft.bytes,
            size: draft.bytes.byteLength,
            recordId,
            createdAt: now.toISOString(),
            uploaded: 0,
          }),
        ),
      );
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

/** How many of `photoIds` the server has (as far as this device knows). */
export async function countUploaded(db: LocalDb, photoIds: readonly string[]): Promise<number> {
  const rows = await db.photos.bulkGet([...photoIds]);
  return rows.filter((row) => row?.uploaded === 1).length;
}

export interface PhotoFetchDeps extends HttpDeps {
  token: string;
}

export type LoadedPhoto =
  | { kind: 'ok'; mime: string; bytes: ArrayBuffer }
  /** The server does not have it (yet), or it is out of the caller's scope. */
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/**
 * The bytes of a photo: from the device, else from the server (then kept, marked uploaded, so it
 * shows offline next time). Needs the bearer token, which is why an `<img src>` cannot fetch it.
 */
export async function readPhoto(deps: PhotoFetchDeps, db: LocalDb, sha256: string): Promise<LoadedPhoto> {
  if (!sha256HexSchema.safeParse(sha256).success) return { kind: 'missing' };
  const local = await db.photos.get(sha256);
  if (local) return { kind: 'ok', mime: local.mime, bytes: local.bytes };
  let response: Response;
  try {
    response = await deps.fetch(`${deps.baseUrl}/api/photos/${sha256}`, {
      headers: { authorization: `Bearer ${deps.token}` },
    });
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 404) return { kind: 'missing' };
  if (!response.ok) return { kind: 'failed', message: `HTTP ${response.status}` };
  const bytes = await response.arrayBuffer();
  const mime = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  // Never keep bytes under a name they do not hash to.
  if (!isPhotoMimeType(mime) || (await sha256Hex(bytes)) !== sha256)
    return { kind: 'failed', message: 'The server sent bytes that do not match the photo id' };
  try {
    await db.photos.put({
      sha256,
      mime,
      bytes,
      size: bytes.byteLength,
      recordId: '',
      createdAt: new Date().toISOString(),
      uploaded: 1,
    });
  } catch {
    // A full device still shows the photo; it is fetched again next time.
  }
  return { kind: 'ok', mime, bytes };
}

/** A Blob URL for showing the photo, or undefined; the caller revokes it. Page only (no URL.createObjectURL in a worker). */
export async function loadPhoto(
  deps: PhotoFetchDeps,
  db: LocalDb,
  sha256: string,
): Promise<string | undefined> {
  const photo = await readPhoto(deps, db, sha256);
  if (photo.kind !== 'ok') return undefined;
  return URL.createObjectURL(new Blob([photo.bytes], { type: photo.mime }));
}
