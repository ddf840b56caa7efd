/**
 * The counted parts of a patrol log — findings by category and the anti-fraud figures — as plain
 * constants, free of zod, so the device's always-loaded code (the body upcast) can use them.
 */
/** 发现问题 by category (DOMAIN.md §3.2 findings, from the GM_V3.0 ThingLog [R2]); the total is derived. */
export const FINDING_CATEGORIES = [
  'disputes',
  'appeals',
  'suggestions',
  'securityHazards',
  'fireHazards',
  'environment',
  'other',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** 反诈宣传 figures (DOMAIN.md §3.2 antiFraud, [S49]–[S51]). */
export const ANTI_FRAUD_FIGURES = [
  'householdsReached',
  'peopleReached',
  'materials',
  'appInstalled',
  'alertsEnabled',
] as const;
export type Findings = Record<FindingCategory, number>;
export type AntiFraud = Record<(typeof ANTI_FRAUD_FIGURES)[number], number>;

/** 发现问题总数. */
export function findingsTotal(findings: Findings): number {
  return FINDING_CATEGORIES.reduce((sum, category) => sum + findings[category], 0);
}

export const NO_FINDINGS: Findings = {
  disputes: 0,
  appeals: 0,
  suggestions: 0,
  securityHazards: 0,
  fireHazards: 0,
  environment: 0,
  other: 0,
};

export const NO_ANTI_FRAUD: AntiFraud = {
  householdsReached: 0,
  peopleReached: 0,
  materials: 0,
  appInstalled: 0,
  alertsEnabled: 0,
};
