/**
 * The admin CLI's street 上报事件 sub-categories (issue 12 §1): a street adds its own under a
 * level-one category (built-in codes stay as they are), each checked by the one schema
 * (street-subcategories.ts) before anything is stored, and audited. Devices get them with their
 * grids on the next sync; an event keeps a sub-category its street removes later.
 */
import * as z from 'zod/mini';
import { EVENT_CATEGORY_CODES, type StreetSubcategory } from '../../domain/event-categories';
import { MAX_STREET_SUBCATEGORIES, streetSubcategorySchema } from '../../domain/street-subcategories';
import { insertAuditEntry } from '../db/audit-log.repository';
import {
  deleteStreetSubcategory,
  findStreetSubcategories,
  insertStreetSubcategory,
} from '../db/event-subcategories.repository';
import { type AdminContext, AdminError, checkStreet } from './admin-commands';

const WHAT = 'event sub-categories';

/** The sub-categories a street added, in the order it added them. */
export async function showEventSubcategories(
  ctx: AdminContext,
  streetId: string,
): Promise<StreetSubcategory[]> {
  await checkStreet(ctx, streetId, WHAT);
  return (await findStreetSubcategories(ctx.db, [streetId])).get(streetId) ?? [];
}

/** Adds one; refuses a bad or taken code, a category that takes none, and a label that is no text. */
export async function addEventSubcategory(
  ctx: AdminContext,
  input: { streetId: string; category: string; code: string; label: string },
): Promise<StreetSubcategory> {
  await checkStreet(ctx, input.streetId, WHAT);
  const parsed = z.safeParse(streetSubcategorySchema, {
    categoryL1: input.category,
    code: input.code,
    label: input.label,
  });
  if (!parsed.success) throw new AdminError(`${problemOf(parsed.error.issues, input)} Nothing was changed.`);
  const sub = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await findStreetSubcategories(trx, [input.streetId])).get(input.streetId) ?? [];
    if (before.length >= MAX_STREET_SUBCATEGORIES)
      throw new AdminError(
        `The street already has ${MAX_STREET_SUBCATEGORIES} sub-categories of its own; remove one first. Nothing was changed.`,
      );
    const at = ctx.now().toISOString();
    if (!(await insertStreetSubcategory(trx, input.streetId, sub, at, ctx.actor)))
      throw new AdminError(
        `--code "${sub.code}" is already a sub-category of ${sub.categoryL1} in this street. Nothing was changed.`,
      );
    await insertAuditEntry(trx, {
      at,
      userId: ctx.actor,
      action: 'admin.addEventSubcategory',
      before: null,
      after: { streetId: input.streetId, ...sub },
    });
    return sub;
  });
}

/** Removes one the street added; events filed under it keep it. */
export async function removeEventSubcategory(
  ctx: AdminContext,
  input: { streetId: string; category: string; code: string },
): Promise<StreetSubcategory> {
  await checkStreet(ctx, input.streetId, WHAT);
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteStreetSubcategory(trx, input.streetId, input.category, input.code);
    if (!removed)
      throw new AdminError(
        `The street has no sub-category "${input.code}" of its own under "${input.category}" (built-in ones cannot be removed). Nothing was changed.`,
      );
    await insertAuditEntry(trx, {
      at: ctx.now().toISOString(),
      userId: ctx.actor,
      action: 'admin.removeEventSubcategory',
      before: { streetId: input.streetId, ...removed },
      after: null,
    });
    return removed;
  });
}

function problemOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  input: { category: string; code: string },
): string {
  const field = String(issues[0]?.path[0] ?? '');
  if (field === 'categoryL1')
    return `--category "${input.category}" takes no sub-categories of a street's own. Categories: ${EVENT_CATEGORY_CODES.filter((c) => c !== 'dispute').join(', ')}.`;
  if (field === 'code')
    return issues[0]?.message.startsWith('This code is already')
      ? `--code "${input.code}" is a built-in sub-category of ${input.category}.`
      : `--code "${input.code}" must be a lower-camel-case code of letters and digits (e.g. elevatorSafety), at most 40.`;
  return '--label must be the Chinese name workers will see: 1 to 20 characters on one line.';
}
