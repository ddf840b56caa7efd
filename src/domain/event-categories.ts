/**
 * The 上报事件 categories of DOMAIN.md §3.5 as data: two levels of codes, drawn from the Tianque
 * dictionaries and the 数字城管 部件/事件 lineage. Labels live in the app's i18n table under the
 * codes; a street's own sub-categories (admin-loaded, with their labels) extend a level-one entry.
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

/** A street's own sub-categories, by level-one code (admin-loaded; labels travel with them). */
export type StreetSubcategories = Readonly<Partial<Record<EventCategoryCode, readonly string[]>>>;

/** The level-one category of `code`, or undefined for a code nobody defined. */
export function eventCategory(code: string): EventCategory | undefined {
  return (EVENT_CATEGORIES as readonly EventCategory[]).find((category) => category.code === code);
}

/** Whether `l1`/`l2` names a category: built in, or one the street added under `l1`. */
export function isKnownCategory(l1: string, l2: string, street: StreetSubcategories = {}): boolean {
  const category = eventCategory(l1);
  if (!category) return false;
  return category.subcategories.includes(l2) || (street[l1 as EventCategoryCode] ?? []).includes(l2);
}
