/**
 * A street's own 上报事件 sub-categories (migration 0020), read for the grids endpoint and every
 * push of an event, written by the admin CLI. A stored row this build no longer accepts (a
 * level-one category since removed, a code since built in) is left out.
 */
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import type { StreetSubcategory } from '../../domain/event-categories';
import { streetSubcategorySchema } from '../../domain/street-subcategories';
import { streetsOfGrids } from './orgs.repository';
import type { Database } from './schema';

/** Each given street's sub-categories, in the order they were added. */
export async function findStreetSubcategories(
  db: Kysely<Database>,
  streetIds: readonly string[],
): Promise<Map<string, StreetSubcategory[]>> {
  const byStreet = new Map<string, StreetSubcategory[]>();
  if (streetIds.length === 0) return byStreet;
  const rows = await db
    .selectFrom('event_subcategories')
    .select(['street_id', 'category_l1', 'code', 'label'])
    .where('street_id', 'in', [...new Set(streetIds)])
    .orderBy('created_at')
    .orderBy('code')
    .execute();
  for (const row of rows) {
    const parsed = z.safeParse(streetSubcategorySchema, {
      categoryL1: row.category_l1,
      code: row.code,
      label: row.label,
    });
    if (!parsed.success) continue;
    byStreet.set(row.street_id, [...(byStreet.get(row.street_id) ?? []), parsed.data]);
  }
  return byStreet;
}

/** The sub-categories of each grid's street, by grid (a grid whose street added none: absent). */
export async function findSubcategoriesOfGrids(
  db: Kysely<Database>,
  gridIds: readonly string[],
): Promise<Map<string, StreetSubcategory[]>> {
  const streets = await streetsOfGrids(db, gridIds);
  const subcategories = await findStreetSubcategories(db, [...new Set(streets.values())]);
  const byGrid = new Map<string, StreetSubcategory[]>();
  for (const [gridId, streetId] of streets) {
    const own = subcategories.get(streetId);
    if (own) byGrid.set(gridId, own);
  }
  return byGrid;
}

/** Adds a sub-category to a street; false when the street already has that code under the category. */
export async function insertStreetSubcategory(
  db: Kysely<Database>,
  streetId: string,
  sub: StreetSubcategory,
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .insertInto('event_subcategories')
    .values({
      street_id: streetId,
      category_l1: sub.categoryL1,
      code: sub.code,
      label: sub.label,
      created_at: at,
      created_by: by,
    })
    .onConflict((oc) => oc.columns(['street_id', 'category_l1', 'code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes one of a street's sub-categories; answers the removed one, if there was one. */
export async function deleteStreetSubcategory(
  db: Kysely<Database>,
  streetId: string,
  categoryL1: string,
  code: string,
): Promise<StreetSubcategory | undefined> {
  const row = await db
    .deleteFrom('event_subcategories')
    .where('street_id', '=', streetId)
    .where('category_l1', '=', categoryL1)
    .where('code', '=', code)
    .returning(['category_l1', 'code', 'label'])
    .executeTakeFirst();
  const parsed =
    row &&
    z.safeParse(streetSubcategorySchema, { categoryL1: row.category_l1, code: row.code, label: row.label });
  return parsed?.success ? parsed.data : undefined;
}
