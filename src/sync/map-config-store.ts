/**
 * The deployment's map config (`GET /api/map-config`) kept on the device for offline use. It lives
 * in Cache Storage rather than Dexie: it belongs to the server, not to a user, and the service
 * worker reads it to recognise tile requests without opening a user's database.
 */
import { type MapConfig, mapConfigSchema } from '../domain/map-config';
import { type HttpDeps, requestJson } from './http';

const MAP_CONFIG_CACHE = 'gridkeeper-map';
const MAP_CONFIG_KEY = '/api/map-config';

/** The config last fetched, or undefined when the device never had one (or holds a bad copy). */
export async function storedMapConfig(): Promise<MapConfig | undefined> {
  try {
    const cache = await caches.open(MAP_CONFIG_CACHE);
    const response = await cache.match(MAP_CONFIG_KEY);
    if (!response) return undefined;
    const parsed = mapConfigSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches the config and keeps it. Returns it, or undefined when offline or the answer is bad
 * (then the stored copy stays as it was).
 */
export async function refreshMapConfig(deps: HttpDeps, token: string): Promise<MapConfig | undefined> {
  const result = await requestJson(deps, MAP_CONFIG_KEY, { method: 'GET', token });
  if (result.kind !== 'ok') return undefined;
  const parsed = mapConfigSchema.safeParse(result.body);
  if (!parsed.success) return undefined;
  const cache = await caches.open(MAP_CONFIG_CACHE);
  await cache.put(
    MAP_CONFIG_KEY,
    new Response(JSON.stringify(parsed.data), { headers: { 'content-type': 'application/json' } }),
  );
  return parsed.data;
}

/** The message a page sends the service worker after the stored config changed. */
export const MAP_CONFIG_CHANGED = 'MAP_CONFIG_CHANGED';
