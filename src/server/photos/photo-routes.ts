/**
 * `PUT /photos/:sha256` stores a photo's bytes, idempotently: 201 the first time, 200 after. The
 * server hashes the body itself, so a photo id always names exactly those bytes.
 * Every upload, also of bytes stored already, proves that its uploader holds them (photo-access.ts).
 * `GET /photos/:sha256` serves them to whom photo-access.ts allows (an uploader, or a reader of a
 * record whose reference is proven); to everyone else the photo does not exist (404, not 403, so
 * ids leak nothing).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  bytesMatchMimeType,
  isPhotoMimeType,
  MAX_PHOTO_BYTES,
  PHOTO_MIME_TYPES,
  type PhotoUploadResponse,
  sha256HexSchema,
} from '../../domain/photo';
import { ApiError } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { canReadPhoto } from './photo-access';
import { readPhotoFile, writePhotoFile } from './photo-files';
import { findPhoto, insertPhoto, recordUpload } from './photos.repository';

/** Photos never change under their id, so a device may keep them as long as it likes. */
const PHOTO_CACHE_CONTROL = 'private, max-age=31536000, immutable';

function photoIdParam(c: Context<AppEnv>): string {
  const sha256 = c.req.param('sha256') ?? '';
  if (!sha256HexSchema.safeParse(sha256).success) {
    throw new ApiError(400, 'validation', 'The photo id must be a lowercase hex sha256', {
      issues: [{ path: 'sha256', message: 'Expected 64 lowercase hex digits' }],
    });
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

export function photoRoutes(deps: AppDeps, photoDir: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.put('/photos/:sha256', requireSession(deps), async (c) => {
    const sha256 = photoIdParam(c);
    const mime = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!isPhotoMimeType(mime)) {
      throw new ApiError(400, 'validation', `A photo must be one of ${PHOTO_MIME_TYPES.join(', ')}`, {
        issues: [{ path: 'content-type', message: `Unsupported type "${mime}"` }],
      });
    }
    const bytes = await readPhotoBody(c);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new ApiError(400, 'validation', 'The body does not match the photo id', {
        issues: [{ path: 'sha256', message: `The body hashes to ${actual}` }],
      });
    }
    if (!bytesMatchMimeType(bytes, mime)) {
      throw new ApiError(400, 'validation', `The body is not a ${mime} image`, {
        issues: [{ path: 'body', message: 'The bytes do not start like the declared image type' }],
      });
    }
    const response: PhotoUploadResponse = { sha256, mime, size: bytes.byteLength };
    const userId = c.get('session').user.id;
    const existing = await findPhoto(deps.db, sha256);
    if (existing) {
      // The body hashed to the id, so this user holds the bytes: that is proof, stored or not.
      await recordUpload(deps.db, sha256, userId);
      return c.json({ ...response, mime: existing.mime }, 200);
    }

    // The file first, then the row: a row always names a complete file.
    await writePhotoFile(photoDir, sha256, bytes);
    const inserted = await insertPhoto(deps.db, {
      sha256,
      mime,
      size: bytes.byteLength,
      uploaded_by: userId,
      created_at: deps.now().toISOString(),
    });
    await recordUpload(deps.db, sha256, userId);
    return c.json(response, inserted ? 201 : 200);
  });

  routes.get('/photos/:sha256', requireSession(deps), async (c) => {
    const sha256 = photoIdParam(c);
    const notFound = () => new ApiError(404, 'not_found', 'No such photo');
    const photo = await findPhoto(deps.db, sha256);
    // One answer for "no such photo" and "not yours to see", so a hash reveals nothing.
    if (!photo || !(await canReadPhoto(deps.db, c.get('session').user, sha256))) throw notFound();

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
