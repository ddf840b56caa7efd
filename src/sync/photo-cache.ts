/**
 * The service worker's cache of photos fetched from the server (other people's records). Named
 * here because a remote wipe (device-wipe.ts) deletes it from the page as well as the worker.
 */
export const PHOTO_CACHE_NAME = 'gridkeeper-photos';
