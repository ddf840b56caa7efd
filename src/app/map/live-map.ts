/**
 * The map on screen, published on `window` for the end-to-end tests that read its rendered features
 * and canvas; one map at a time (the screens that hold one never overlap).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    __gridkeeperMap?: MapLibreMap;
  }
}

export function publishMap(instance: MapLibreMap): void {
  window.__gridkeeperMap = instance;
}

/** Forgets `instance` when it is the one published (a newer map may have replaced it already). */
export function unpublishMap(instance: MapLibreMap): void {
  if (window.__gridkeeperMap === instance) delete window.__gridkeeperMap;
}
