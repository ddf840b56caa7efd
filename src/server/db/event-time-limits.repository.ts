/**
 * A street's own 上报事件 time limits (migration 0018), read for every push of an event and by the
 * supervision, written by the admin CLI. The limits in force are always
 * `eventTimeLimits(overrides, categoryL1)` (event-supervision.ts): the defaults fill the rest.
 */
import type { Kysely } from 'kysely';
import { EVENT_CATEGORY_CODES } from '../../domain/event-categories';
import {
  EVENT_STEPS,
  type EventStep,
  type EventTimeLimitOverrides,
  type StepLimits,
  stepLimitsProblem,
} from '../../domain/event-supervision';
import { streetsOfGrids } from './orgs.repository';
import type { Database } from './schema';

/**
 * The overrides of each given street that set any. A row this build does not know (a category or
 * step since removed, limits out of range) is left out: the defaults apply there.
 */
export async function findEventTimeLimits(
  db: Kysely<Database>,
  streetIds: readonly string[],
): Promise<Map<string, EventTimeLimitOverrides>> {
  const byStreet = new Map<string, Record<string, Partial<Record<EventStep, StepLimits>>>>();
  if (streetIds.length === 0) return byStreet;
  const rows = await db
    .selectFrom('event_time_limits')
    .select(['street_id', 'category_l1', 'step', 'yellow_days', 'red_days'])
    .where('street_id', 'in', [...new Set(streetIds)])
    .execute();
  for (const row of rows) {
    const limits = { yellow: Number(row.yellow_days), red: Number(row.red_days) };
    const step = EVENT_STEPS.find((known) => known === row.step);
    const known = (EVENT_CATEGORY_CODES as readonly string[]).includes(row.category_l1);
    if (!step || !known || stepLimitsProblem(limits) !== undefined) continue;
    const street = byStreet.get(row.street_id) ?? {};
    street[row.category_l1] = { ...street[row.category_l1], [step]: limits };
    byStreet.set(row.street_id, street);
  }
  return byStreet;
}

/** The overrides in force in each grid's street, by grid (a grid without any: none). */
export async function findEventTimeLimitsOfGrids(
  db: Kysely<Database>,
  gridIds: readonly string[],
): Promise<Map<string, EventTimeLimitOverrides>> {
  const streets = await streetsOfGrids(db, gridIds);
  const limits = await findEventTimeLimits(db, [...new Set(streets.values())]);
  const byGrid = new Map<string, EventTimeLimitOverrides>();
  for (const [gridId, streetId] of streets) {
    const own = limits.get(streetId);
    if (own) byGrid.set(gridId, own);
  }
  return byGrid;
}

export interface EventTimeLimitRow {
  streetId: string;
  categoryL1: string;
  step: EventStep;
  limits: StepLimits;
}

/** Sets one category's limits of one step in a street, over what it set before. */
export async function saveEventTimeLimit(
  db: Kysely<Database>,
  row: EventTimeLimitRow,
  at: string,
  by: string,
): Promise<void> {
  const values = {
    street_id: row.streetId,
    category_l1: row.categoryL1,
    step: row.step,
    yellow_days: row.limits.yellow,
    red_days: row.limits.red,
    updated_at: at,
    updated_by: by,
  };
  await db
    .insertInto('event_time_limits')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['street_id', 'category_l1', 'step']).doUpdateSet({
        yellow_days: values.yellow_days,
        red_days: values.red_days,
        updated_at: at,
        updated_by: by,
      }),
    )
    .execute();
}

/** Removes a street's limits: all of them, a category's, or one category's step; answers how many. */
export async function deleteEventTimeLimits(
  db: Kysely<Database>,
  which: { streetId: string; categoryL1?: string | undefined; step?: EventStep | undefined },
): Promise<number> {
  let query = db.deleteFrom('event_time_limits').where('street_id', '=', which.streetId);
  if (which.categoryL1 !== undefined) query = query.where('category_l1', '=', which.categoryL1);
  if (which.step !== undefined) query = query.where('step', '=', which.step);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
