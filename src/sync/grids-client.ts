/** Keeps the user's grids (names and boundaries) on the device, from `GET /api/grids`. */
import * as z from 'zod/mini';
import { DEPARTMENT_TYPES } from '../domain/departments';
import type { StreetSubcategory } from '../domain/event-categories';
import { streetSubcategorySchema } from '../domain/street-subcategories';
import {
  DEFAULT_STREET_THRESHOLDS,
  type StreetThresholdOverrides,
  streetThresholds,
} from '../domain/street-thresholds';
import type { CalendarYear } from '../domain/work-calendar';
import { calendarYearSchema } from '../domain/work-calendar-schema';
import { type HttpDeps, requestJson } from './http';
import type { LocalDb, LocalGrid } from './local-db';

/** Only the thresholds this build knows; a newer server's extra keys are ignored. */
function knownThresholds(values: Record<string, number>): StreetThresholdOverrides {
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => Object.hasOwn(DEFAULT_STREET_THRESHOLDS, key)),
  );
}

const gridFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.unknown(),
  properties: z.object({
    id: z.string(),
    name: z.string(),
    communityName: z.optional(z.string()),
    streetId: z.optional(z.nullable(z.string())),
    streetName: z.optional(z.string()),
    /** The street's checklist thresholds; absent from an older server (then the defaults apply). */
    thresholds: z.optional(z.record(z.string(), z.number())),
  }),
});
const gridCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(gridFeatureSchema),
  /** The holiday schedules an admin loaded; absent from an older server. Checked year by year. */
  calendar: z.optional(z.array(z.unknown())),
  /** The 职能部门 of the user's streets (交办 picks one); absent from an older server. */
  departments: z.optional(
    z.array(
      z.object({ id: z.string(), name: z.string(), type: z.enum(DEPARTMENT_TYPES), streetId: z.string() }),
    ),
  ),
  /** The 上报事件 sub-categories each street added; absent from an older server. Checked one by one. */
  eventSubcategories: z.optional(z.array(z.unknown())),
});

const streetSubcategoryEntrySchema = z.extend(streetSubcategorySchema, { streetId: z.string() });

/** The street's own sub-categories that pass the shared checks; one bad entry costs only itself. */
function checkedSubcategories(
  values: readonly unknown[],
  streetId: string | null | undefined,
): StreetSubcategory[] {
  return values.flatMap((value) => {
    const parsed = streetSubcategoryEntrySchema.safeParse(value);
    if (!parsed.success || parsed.data.streetId !== streetId) return [];
    const { streetId: _street, ...sub } = parsed.data;
    return [sub];
  });
}

/** The years that pass the schedule's checks; one bad year costs only itself. */
function checkedYears(values: readonly unknown[]): CalendarYear[] {
  return values.flatMap((value) => {
    const parsed = calendarYearSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Replaces the stored grids with the server's list. Returns false when offline or the answer is bad. */
export async function refreshGrids(deps: HttpDeps, db: LocalDb, token: string): Promise<boolean> {
  const result = await requestJson(deps, '/api/grids', { method: 'GET', token });
  if (result.kind !== 'ok') return false;
  const parsed = gridCollectionSchema.safeParse(result.body);
  if (!parsed.success) return false;
  const grids: LocalGrid[] = parsed.data.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name,
    communityName: f.properties.communityName ?? '',
    streetName: f.properties.streetName ?? '',
    geometry: f.geometry,
    thresholds: streetThresholds(knownThresholds(f.properties.thresholds ?? {})),
    departments: (parsed.data.departments ?? []).filter((d) => d.streetId === f.properties.streetId),
    eventSubcategories: checkedSubcategories(parsed.data.eventSubcategories ?? [], f.properties.streetId),
  }));
  const calendar = checkedYears(parsed.data.calendar ?? []);
  await db.transaction('rw', db.grids, db.meta, async () => {
    await db.grids.clear();
    await db.grids.bulkPut(grids);
    await db.meta.put({ key: 'calendarYears', value: JSON.stringify(calendar) });
  });
  return true;
}
