/** The background-sync tag the page registers and the service worker answers. */
export const SYNC_TAG = 'gridkeeper-sync';
