import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './app-env';
import { requireSession } from './auth/require-session';
import { listGrids } from './db/orgs.repository';

/** `GET /grids`: the caller's grids as a GeoJSON FeatureCollection for the map. */
export function gridsRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/grids', requireSession(deps), async (c) => {
    const grids = await listGrids(deps.db, c.get('session').user.scope.gridIds);
    return c.json({
      type: 'FeatureCollection',
      features: grids.map((grid) => ({
        type: 'Feature',
        id: grid.id,
        geometry: grid.geometry === null ? null : JSON.parse(grid.geometry),
        properties: {
          id: grid.id,
          name: grid.name,
          communityId: grid.communityId,
          communityName: grid.communityName,
          streetId: grid.streetId,
          streetName: grid.streetName,
        },
      })),
    });
  });
  return routes;
}
