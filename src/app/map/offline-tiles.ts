/**
 * The offline map download: about how big the planned tiles are, and fetching them into the
 * service worker's tile cache (so it serves them with no network). Runs in the page, where
 * progress and cancelling are easy to show; the worker only serves the cache.
 */
import { CacheExpiration } from 'workbox-expiration';
import { TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME } from '../../sync/tile-cache';

/** How many tiles are fetched to estimate the size of all (the first of the list, then spread). */
const SAMPLE_TILES = 3;
/** What one tile is taken to weigh when no sample could be fetched: a typical 256 px street PNG. */
export const FALLBACK_TILE_BYTES = 20_000;
/** Tiles fetched at once: enough to fill the pipe, few enough not to starve the sync. */
const PARALLEL_FETCHES = 6;

const expiration = new CacheExpiration(TILE_CACHE_NAME, { maxEntries: TILE_CACHE_MAX_ENTRIES });

type TileOutcome = { saved: true; bytes: number } | { saved: false; quota: boolean };

/** One tile into the tile cache, unless it is there already. Never throws. */
async function saveTile(cache: Cache, url: string, signal: AbortSignal): Promise<TileOutcome> {
  try {
    const cached = await cache.match(url);
    if (cached) return { saved: true, bytes: (await cached.blob()).size };
    const response = await fetch(url, { signal, mode: 'cors', credentials: 'omit' });
    if (!response.ok) return { saved: false, quota: false };
    const bytes = (await response.clone().blob()).size;
    await cache.put(url, response);
    // Counted by the worker's cap like the tiles it cached itself (same Workbox bookkeeping).
    await expiration.updateTimestamp(url);
    return { saved: true, bytes };
  } catch (error) {
    return { saved: false, quota: error instanceof DOMException && error.name === 'QuotaExceededError' };
  }
}

/** Bytes per tile measured on a few tiles of the plan (which stay cached), or the fallback (samples 0). */
export async function sampleTileBytes(
  urls: readonly string[],
  signal: AbortSignal,
): Promise<{ bytes: number; samples: number }> {
  const step = Math.max(1, Math.floor(urls.length / SAMPLE_TILES));
  const picks = urls.filter((_, index) => index % step === 0).slice(0, SAMPLE_TILES);
  const cache = await caches.open(TILE_CACHE_NAME);
  const sizes = (await Promise.all(picks.map((url) => saveTile(cache, url, signal)))).flatMap((outcome) =>
    outcome.saved ? [outcome.bytes] : [],
  );
  if (sizes.length === 0) return { bytes: FALLBACK_TILE_BYTES, samples: 0 };
  return { bytes: sizes.reduce((a, b) => a + b, 0) / sizes.length, samples: sizes.length };
}

export interface DownloadProgress {
  done: number;
  failed: number;
  total: number;
}

export interface DownloadResult extends DownloadProgress {
  /** The device ran out of storage; the rest was not tried. */
  quotaExceeded: boolean;
  cancelled: boolean;
}

/** Fetches every tile of `urls` into the tile cache, a few at a time, reporting as it goes. */
export async function downloadTiles(
  urls: readonly string[],
  signal: AbortSignal,
  onProgress: (progress: DownloadProgress) => void,
): Promise<DownloadResult> {
  const cache = await caches.open(TILE_CACHE_NAME);
  const progress = { done: 0, failed: 0, total: urls.length };
  let next = 0;
  let quotaExceeded = false;
  const worker = async () => {
    while (next < urls.length && !signal.aborted && !quotaExceeded) {
      const url = urls[next++] as string;
      const outcome = await saveTile(cache, url, signal);
      if (signal.aborted) return;
      if (outcome.saved) progress.done++;
      else {
        progress.failed++;
        if (outcome.quota) quotaExceeded = true;
      }
      onProgress({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
  await expiration.expireEntries();
  return { ...progress, quotaExceeded, cancelled: signal.aborted };
}
