/**
 * The 上报事件 categories of DOMAIN.md §3.5 as data: two levels of codes, drawn from the Tianque
 * dictionaries and the 数字城管 部件/事件 lineage. Labels live in the app's i18n table under the
 * codes; a street's own sub-categories (admin-loaded, with their labels) extend a level-one entry
 * (not 矛盾纠纷: its sub-categories are the dispute kind's types).
 */
import { DISPUTE_TYPES } from './dispute';

export interface EventCategory {
  code: string;
  subcategories: readonly string[];
  /** A photo is required to report it (安全隐患: the photo is the evidence the department acts on). */
  photoRequired?: true;
  /** Reporting it registers a 矛盾纠纷 case as well (its sub-categories are the dispute types). */
  registersDispute?: true;
}

export const EVENT_CATEGORIES = [
  { code: 'dispute', subcategories: DISPUTE_TYPES, registersDispute: true },
  {
    code: 'publicSecurity',
    subcategories: [
      'theft',
      'robbery',
      'gambling',
      'prostitution',
      'drugs',
      'organizedCrimeLead',
      'fraudLead',
      'suspiciousPerson',
      'criminalCase',
      'missingProtection',
      'buildingWatch',
    ],
  },
  {
    code: 'safetyHazard',
    subcategories: ['fire', 'eBike', 'gas', 'workSafety', 'foodHygiene', 'publicSafety', 'dangerousBuilding'],
    photoRequired: true,
  },
  { code: 'rentalPopulation', subcategories: ['newRental', 'unregisteredTenant', 'groupRental'] },
  {
    code: 'specialPopulation',
    subcategories: [
      'severeMentalIllness',
      'communityCorrection',
      'releasedPrisoner',
      'drugUser',
      'keyYouth',
      'petitioner',
    ],
  },
  {
    code: 'livelihood',
    subcategories: [
      'education',
      'socialSecurity',
      'employment',
      'medical',
      'housing',
      'transport',
      'documents',
      'enterpriseService',
      'familyPlanning',
      'publicUtilities',
      'assistance',
    ],
  },
  {
    code: 'cityEvent',
    subcategories: ['cityscape', 'advertising', 'construction', 'streetOrder'],
  },
  {
    code: 'cityComponent',
    subcategories: [
      'publicFacility',
      'roadTraffic',
      'cityscapeComponent',
      'greening',
      'buildingLand',
      'otherFacility',
      'extended',
    ],
  },
  {
    code: 'emergency',
    subcategories: ['roadCollapse', 'waterMainBurst', 'gasPipeBurst', 'sewerBlocked', 'fire', 'other'],
  },
  { code: 'publicOpinion', subcategories: ['demand', 'suggestion', 'instability', 'petition'] },
  { code: 'publicity', subcategories: ['antiFraud', 'policy'] },
  { code: 'other', subcategories: ['other'] },
] as const satisfies readonly EventCategory[];

export type EventCategoryCode = (typeof EVENT_CATEGORIES)[number]['code'];
export const EVENT_CATEGORY_CODES: readonly EventCategoryCode[] = EVENT_CATEGORIES.map((c) => c.code);

/**
 * A sub-category a street added under a level-one category (street-subcategories.ts checks one;
 * the admin CLI adds it, devices get it with their grids). Its label is the street's own Chinese.
 */
export interface StreetSubcategory {
  categoryL1: EventCategoryCode;
  code: string;
  label: string;
}

/** The level-one category of `code`, or undefined for a code nobody defined. */
export function eventCategory(code: string): EventCategory | undefined {
  return (EVENT_CATEGORIES as readonly EventCategory[]).find((category) => category.code === code);
}

/** The sub-category codes offered under `l1`: the built-in ones, then the street's own. */
export function subcategoriesOf(l1: string, street: readonly StreetSubcategory[] = []): string[] {
  const category = eventCategory(l1);
  if (!category) return [];
  const own = street.filter((sub) => sub.categoryL1 === l1).map((sub) => sub.code);
  return [...category.subcategories, ...own.filter((code) => !category.subcategories.includes(code))];
}

/** Whether `l1`/`l2` names a category: built in, or one the street added under `l1`. */
export function isKnownCategory(l1: string, l2: string, street: readonly StreetSubcategory[] = []): boolean {
  return subcategoriesOf(l1, street).includes(l2);
}

/** The street's own name of a sub-category it added (undefined for a built-in one or an unknown code). */
export function streetSubcategoryLabel(
  l1: string,
  l2: string,
  street: readonly StreetSubcategory[] = [],
): string | undefined {
  return street.find((sub) => sub.categoryL1 === l1 && sub.code === l2)?.label;
}
