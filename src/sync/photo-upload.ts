/**
 * Uploads the photos the server does not have yet, after the records, one at a time. Each PUT is
 * idempotent (the id is the hash of the bytes), so a pass cut short by the network resumes with the
 * next pass, and a photo whose answer was lost is simply sent again and answered 200.
 *
 *   for each photo with uploaded=0:
 *     PUT /api/photos/:sha256 ──201/200──▶ uploaded=1
 *                              ──401 or no network──▶ stop the pass (nothing dropped)
 *                              ──400/413 (these bytes are refused)──▶ rejected: never sent again, shown
 *                              ──other error──▶ note lastError, go on with the next photo
 */
import { type HttpDeps, type HttpResult, httpError, isRefusalOfContent, refusalError } from './http';
import type { LocalDb } from './local-db';

/** Generous: 5 MB on a weak 3G link. */
const PHOTO_UPLOAD_TIMEOUT_MS = 180_000;

export type PhotoUploadOutcome =
  | { kind: 'done'; uploaded: number; failed: number; rejected?: number }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> };

async function errorOf(response: Response): Promise<Exclude<HttpResult, { kind: 'ok' | 'network-error' }>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return httpError(response.status, body);
}

/** Sends every photo not yet uploaded; stops at the first network error or 401. */
export async function uploadPhotos(deps: HttpDeps, db: LocalDb, token: string): Promise<PhotoUploadOutcome> {
  // Only the keys up front: bytes are read one photo at a time.
  const queued = await db.photos.where('uploaded').equals(0).primaryKeys();
  let uploaded = 0;
  let failed = 0;
  let rejected = 0;
  for (const sha256 of queued) {
    const photo = await db.photos.get(sha256);
    if (!photo || photo.uploaded === 1 || photo.rejected) continue;
    let response: Response;
    try {
      response = await deps.fetch(`${deps.baseUrl}/api/photos/${sha256}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': photo.mime },
        body: photo.bytes,
        signal: AbortSignal.timeout(PHOTO_UPLOAD_TIMEOUT_MS),
      });
    } catch (error) {
      return {
        kind: 'failed',
        result: { kind: 'network-error', message: error instanceof Error ? error.message : String(error) },
      };
    }
    if (response.ok) {
      await response.body?.cancel();
      await db.photos.update(sha256, (row) => {
        row.uploaded = 1;
        delete row.lastError;
      });
      uploaded += 1;
      continue;
    }
    const error = await errorOf(response);
    if (response.status === 401) return { kind: 'failed', result: error };
    if (isRefusalOfContent(error)) {
      await db.photos.update(sha256, { rejected: refusalError(error) });
      rejected += 1;
      continue;
    }
    await db.photos.update(sha256, { lastError: `${error.status} ${error.code}: ${error.message}` });
    failed += 1;
  }
  return { kind: 'done', uploaded, failed, ...(rejected > 0 && { rejected }) };
}
