/**
 * `PUT /photos/:sha256` stores a photo's bytes, idempotently: 201 the first time, 200 after. The
 * server hashes the body itself, so a photo id always names exactly those bytes.
 * `GET /photos/:sha256` serves them to the uploader and to anyone who may see a record that
 * references the photo (in their grids, of a kind and with facts their role may read,
 * access-rules.ts); to everyone else the photo does not exist (404, not 403, so ids leak nothing).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { canRead, readableKinds, recordFacts } from '../../domain/access-rules';
import {
  bytesMatchMimeType,
  isPhotoMimeType,
  MAX_PHOTO_BYTES,
  PHOTO_MIME_TYPES,
  type PhotoUploadResponse,
  sha256HexSchema,
} from '../../domain/photo';
import type { SessionUser } from '../../domain/protocol';
import { ApiError } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { findRecord } from '../db/records.repository';
import { readPhotoFile, writePhotoFile } from './photo-files';
import { findPhoto, findReferencingRecord, insertPhoto } from './photos.repository';

/** Photos never change under their id, so a device may keep them as long as it likes. */
const PHOTO_CACHE_CONTROL = 'private, max-age=31536000, immutable';

function photoIdParam(c: Context<AppEnv>): string {
  const sha256 = c.req.param('sha256') ?? '';
  if (!sha256HexSchema.safeParse(sha256).success) {
    throw new ApiError(400, 'validation', 'The photo id must be a lowercase hex sha256', [
      { path: 'sha256', message: 'Expected 64 lowercase hex digits' },
    ]);
  }
  return sha256;
}

function tooLarge(): ApiError {
  return new ApiError(413, 'too_large', `A photo may be at most ${MAX_PHOTO_BYTES} bytes`);
}

/** Reads the body, refusing more than MAX_PHOTO_BYTES before buffering it whole. */
async function readPhotoBody(c: Context<AppEnv>): Promise<Buffer> {
  if (Number(c.req.header('content-length') ?? '0') > MAX_PHOTO_BYTES) throw tooLarge();
  const stream = c.req.raw.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_PHOTO_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (size === 0)
    throw new ApiError(400, 'validation', 'The request body is empty; image bytes are expected');
  return Buffer.concat(chunks);
}

/**
 * Whether a live record in the user's grids that the role may read references the photo. Only the
 * first referencing record is looked at, so a photo shared by a readable and an unreadable record
 * may be refused: that fails closed.
 */
async function referencedByReadableRecord(
  db: AppDeps['db'],
  user: SessionUser,
  sha256: string,
): Promise<boolean> {
  if (readableKinds(user.role).length === 0) return false;
  const recordId = await findReferencingRecord(db, sha256, user.scope.gridIds);
  const record = recordId === undefined ? undefined : await findRecord(db, recordId);
  return record !== undefined && canRead(user.role, record.kind, recordFacts(record), user.id);
}

export function photoRoutes(deps: AppDeps, photoDir: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.put('/photos/:sha256', requireSession(deps), async (c) => {
    const sha256 = photoIdParam(c);
    const mime = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!isPhotoMimeType(mime)) {
      throw new ApiError(400, 'validation', `A photo must be one of ${PHOTO_MIME_TYPES.join(', ')}`, [
        { path: 'content-type', message: `Unsupported type "${mime}"` },
      ]);
    }
    const bytes = await readPhotoBody(c);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new ApiError(400, 'validation', 'The body does not match the photo id', [
        { path: 'sha256', message: `The body hashes to ${actual}` },
      ]);
    }
    if (!bytesMatchMimeType(bytes, mime)) {
      throw new ApiError(400, 'validation', `The body is not a ${mime} image`, [
        { path: 'body', message: 'The bytes do not start like the declared image type' },
      ]);
    }
    const response: PhotoUploadResponse = { sha256, mime, size: bytes.byteLength };
    const existing = await findPhoto(deps.db, sha256);
    if (existing) return c.json({ ...response, mime: existing.mime }, 200);

    // The file first, then the row: a row always names a complete file.
    await writePhotoFile(photoDir, sha256, bytes);
    const inserted = await insertPhoto(deps.db, {
      sha256,
      mime,
      size: bytes.byteLength,
      uploaded_by: c.get('session').user.id,
      created_at: deps.now().toISOString(),
    });
    return c.json(response, inserted ? 201 : 200);
  });

  routes.get('/photos/:sha256', requireSession(deps), async (c) => {
    const sha256 = photoIdParam(c);
    const notFound = () => new ApiError(404, 'not_found', 'No such photo');
    const photo = await findPhoto(deps.db, sha256);
    if (!photo) throw notFound();
    const { user } = c.get('session');
    if (photo.uploaded_by !== user.id && !(await referencedByReadableRecord(deps.db, user, sha256))) {
      throw notFound();
    }

    const etag = `"${sha256}"`;
    const headers = {
      'cache-control': PHOTO_CACHE_CONTROL,
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const bytes = await readPhotoFile(photoDir, sha256);
    if (!bytes) throw notFound();
    return c.body(new Uint8Array(bytes), 200, {
      ...headers,
      'content-type': photo.mime,
      'content-length': String(bytes.byteLength),
    });
  });

  return routes;
}
