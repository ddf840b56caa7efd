import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { MapConfig } from '../../domain/map-config';
import type { HttpDeps } from '../../sync/http';
import { MAP_CONFIG_CHANGED, refreshMapConfig, storedMapConfig } from '../../sync/map-config-store';
import { isOnline } from '../status/network';
import { session } from '../status/session';

const http: HttpDeps = { fetch: (input, init) => globalThis.fetch(input, init), baseUrl: '' };

/**
 * The deployment's map config: the device's copy at once, then the server's when online (kept for
 * next time, and the service worker told so it recognises the tiles). Undefined until known.
 */
export function useMapConfig(): MapConfig | undefined {
  const config = useSignal<MapConfig | undefined>(undefined);
  const token = session.value?.token;
  const online = isOnline.value;
  useEffect(() => {
    let live = true;
    void storedMapConfig().then((stored) => {
      if (live && stored && config.value === undefined) config.value = stored;
    });
    if (token && online)
      void refreshMapConfig(http, token).then((fresh) => {
        if (!fresh) return;
        navigator.serviceWorker?.controller?.postMessage({ type: MAP_CONFIG_CHANGED });
        if (live) config.value = fresh;
      });
    return () => {
      live = false;
    };
  }, [token, online, config]);
  return config.value;
}
