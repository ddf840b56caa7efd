import { Hono } from 'hono';
import type { MapConfig, TileSource } from '../domain/map-config';
import type { AppDeps, AppEnv } from './app-env';
import { requireSession } from './auth/require-session';

/** `GET /map-config`: the deployment's basemap (or `tiles: null`), kept by devices for offline use. */
export function mapConfigRoute(deps: AppDeps, tiles: TileSource | null): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const body: MapConfig = { tiles };
  routes.get('/map-config', requireSession(deps), (c) => c.json(body));
  return routes;
}
