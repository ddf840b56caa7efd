/**
 * Where basemap tiles live on the device: one Cache Storage cache, filled by the service worker as
 * the map is viewed and by the offline download, capped, and the first thing to go when storage
 * runs short. User data lives in IndexedDB and is never touched by it. Shared by page and worker.
 */
import { tileUrlPrefix } from '../domain/map-config';

export const TILE_CACHE_NAME = 'gridkeeper-tiles';
/** The most tiles one offline download may fetch; the user narrows the zooms above it. */
export const TILE_DOWNLOAD_LIMIT = 3000;
/**
 * The cache's cap: a full download plus a day's browsing. At ~20 KB a street tile that is ~100 MB,
 * within what Chromium grants a site on a cheap phone with a few GB free.
 */
export const TILE_CACHE_MAX_ENTRIES = 5000;

/** The template as an absolute URL template: a same-origin path gets `origin` in front. */
export function absoluteTileTemplate(template: string, origin: string): string {
  return template.startsWith('/') ? `${origin}${template}` : template;
}

/** What every tile URL of `template` starts with, absolute: how the service worker tells tiles apart. */
export function tileRequestPrefix(template: string, origin: string): string {
  return tileUrlPrefix(absoluteTileTemplate(template, origin));
}
