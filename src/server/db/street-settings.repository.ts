/** Per-street threshold overrides, read for the grids endpoint and written by the admin CLI. */
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { streetThresholdOverridesSchema } from '../../domain/street-threshold-overrides';
import type { StreetThresholdOverrides } from '../../domain/street-thresholds';
import type { Database } from './schema';

/** The overrides of each given street that has any. A stored row that no longer parses is ignored. */
export async function findStreetOverrides(
  db: Kysely<Database>,
  streetIds: readonly string[],
): Promise<Map<string, StreetThresholdOverrides>> {
  const overrides = new Map<string, StreetThresholdOverrides>();
  if (streetIds.length === 0) return overrides;
  const rows = await db
    .selectFrom('street_settings')
    .selectAll()
    .where('street_id', 'in', [...new Set(streetIds)])
    .execute();
  for (const row of rows) {
    const parsed = z.safeParse(streetThresholdOverridesSchema, JSON.parse(row.thresholds));
    if (parsed.success) overrides.set(row.street_id, parsed.data as StreetThresholdOverrides);
  }
  return overrides;
}

/** Replaces a street's overrides (an empty object returns the street to the defaults). */
export async function saveStreetOverrides(
  db: Kysely<Database>,
  streetId: string,
  thresholds: StreetThresholdOverrides,
  at: string,
  by: string,
): Promise<void> {
  const row = { street_id: streetId, thresholds: JSON.stringify(thresholds), updated_at: at, updated_by: by };
  await db
    .insertInto('street_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('street_id').doUpdateSet({ thresholds: row.thresholds, updated_at: at, updated_by: by }),
    )
    .execute();
}
