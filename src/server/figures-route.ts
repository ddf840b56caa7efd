/**
 * `GET /api/figures?period=day|week|month[&org=<id>]`: the supervisor's figures (area-figures.ts)
 * over the caller's grids, or over the part of them below `org` (a community, a grid): the current
 * period, the previous one for the change, each grid's shading, the events per day (per hour of a
 * day) for the trend chart and per ~200 m square for the map's heat. Counts only — never a
 * resident's name, an address or a record — so a supervisor's phone draws the whole area without
 * pulling every resident's data. With them, about the area's staff (never residents): whose phones
 * last said they hold records not yet synced — whose work the figures do not hold yet — and each
 * field worker's outcomes in the period, by name. Scope is by assignment: an org outside the
 * caller's grids is refused, named.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { doesFieldWork } from '../domain/access-rules';
import {
  areaFigures,
  FIGURE_PERIODS,
  gridFigures,
  NO_OUTCOMES,
  periodsOf,
  workerOutcomes,
} from '../domain/area-figures';
import { eventHeat } from '../domain/event-heat';
import { eventTrend } from '../domain/event-trend';
import { RECORD_KINDS } from '../domain/record-kinds';
import { plainString } from '../domain/text';
import { parseOrThrow } from './api-error';
import type { AppDeps, AppEnv } from './app-env';
import { requireSession } from './auth/require-session';
import { listUnsyncedReports } from './db/clients.repository';
import { listLiveRecords } from './db/records.repository';
import { gridsInScope, peopleOfArea, requireSupervisor } from './org-scope';

const figuresQuerySchema = z.strictObject({
  period: z.optional(z.enum(FIGURE_PERIODS)),
  org: z.optional(plainString(64)),
});

export function figuresRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/figures', requireSession(deps), async (c) => {
    const query = parseOrThrow(figuresQuerySchema, c.req.query(), 'Invalid figures request');
    const { user } = c.get('session');
    requireSupervisor(user);
    const gridIds = await gridsInScope(deps.db, user, query.org);
    const now = deps.now();
    const period = query.period ?? 'week';
    const { current, previous } = periodsOf(period, now);
    const records = await listLiveRecords(deps.db, gridIds, RECORD_KINDS);
    const people = await peopleOfArea(deps.db, gridIds);
    const unsynced = await listUnsyncedReports(
      deps.db,
      people.map((person) => person.id),
    );
    const outcomes = workerOutcomes(records, current, now);
    return c.json({
      asOf: now.toISOString(),
      period,
      from: current.from.toISOString(),
      previousFrom: previous.from.toISOString(),
      current: areaFigures(records, gridIds, current, now),
      // What stands now (open, overdue, risk, 待复查) is the same in both: only the period's own
      // figures (reported, closed, the rates, coverage) change from one period to the next.
      previous: areaFigures(records, gridIds, previous, now),
      grids: gridFigures(records, gridIds, current, now),
      // The charts' series and the map's heat: counts per day (hour) and per ~200 m square only.
      trend: eventTrend(records, period, current, previous),
      heat: eventHeat(records, current),
      // Whose work these figures do not hold yet: the people of the area whose phones last said
      // they had unsynced records (staff, not residents), each with when it said so.
      unsynced: unsynced.map(({ name, records: count, reportedAt }) => ({
        name,
        records: count,
        reportedAt,
      })),
      // Each field worker's outcomes, by name: no ranking (area-figures.ts workerOutcomes).
      workers: people
        .filter((person) => doesFieldWork(person.role))
        .map((person) => ({ name: person.name, ...(outcomes.get(person.id) ?? NO_OUTCOMES) })),
    });
  });
  return routes;
}
