/**
 * A street's own 上报事件 sub-categories (issue 12 §1: "so a street can extend them"), checked once
 * here for the admin CLI that adds them, the server that sends them and the device that reads them.
 * A street extends any level-one category but 矛盾纠纷 (its sub-categories are the dispute types the
 * dispute kind registers), with a new code: never one built in under that category.
 */
import * as z from 'zod/mini';
import { EVENT_CATEGORY_CODES, type EventCategoryCode, eventCategory } from './event-categories';
import { requiredText } from './text';

/** The codes of sub-categories (built-in ones and a street's): what the event body's categoryL2 takes. */
export const subcategoryCodeSchema = z.string().check(z.regex(/^[a-z][A-Za-z0-9]{0,39}$/));

const EXTENSIBLE = EVENT_CATEGORY_CODES.filter((code) => code !== 'dispute') as [
  EventCategoryCode,
  ...EventCategoryCode[],
];

export const streetSubcategorySchema = z
  .object({
    categoryL1: z.enum(EXTENSIBLE),
    code: subcategoryCodeSchema,
    label: requiredText(20),
  })
  .check(
    z.refine((sub) => !(eventCategory(sub.categoryL1)?.subcategories ?? []).includes(sub.code), {
      message: 'This code is already a built-in sub-category of the category',
      path: ['code'],
    }),
  );

/** How many sub-categories a street may add in all: a select list a worker can still read. */
export const MAX_STREET_SUBCATEGORIES = 100;
