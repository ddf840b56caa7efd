import { Hono } from 'hono';
import { streetThresholds } from '../domain/street-thresholds';
import { installStoredCalendar } from './admin/calendar-commands';
import type { AppDeps, AppEnv } from './app-env';
import { requireSession } from './auth/require-session';
import { findStreetSubcategories } from './db/event-subcategories.repository';
import { findDepartments, listGrids } from './db/orgs.repository';
import { findStreetOverrides } from './db/street-settings.repository';

/** `GET /grids`: the caller's grids as a GeoJSON FeatureCollection for the map. */
export function gridsRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/grids', requireSession(deps), async (c) => {
    const grids = await listGrids(deps.db, c.get('session').user.scope.gridIds);
    const streetIds = new Set(grids.flatMap((grid) => (grid.streetId === null ? [] : [grid.streetId])));
    const overrides = await findStreetOverrides(deps.db, [...streetIds]);
    // The holiday schedules an admin loaded (the built-in years ship with the app): installed here
    // too, so this process counts on what it serves even when the CLI loaded it after the start.
    const calendar = await installStoredCalendar(deps);
    // The 职能部门 of the caller's streets: where the app's 交办 step may send an event.
    const departments = await findDepartments(deps.db, [...streetIds]);
    // The 上报事件 sub-categories each street added beside the built-in ones.
    const subcategories = await findStreetSubcategories(deps.db, [...streetIds]);
    return c.json({
      type: 'FeatureCollection',
      calendar,
      departments,
      eventSubcategories: [...subcategories].flatMap(([streetId, subs]) =>
        subs.map((sub) => ({ streetId, ...sub })),
      ),
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
          // The checklist thresholds in force in the grid's street (defaults where it set none).
          thresholds: streetThresholds(overrides.get(grid.streetId ?? '') ?? {}),
        },
      })),
    });
  });
  return routes;
}
