/**
 * Thresholds that differ by city or street (DOMAIN.md §8: per-capita area 4 vs 5 m², extinguisher
 * size 2/3/4 kg, detector thresholds 10 rooms / 10 or 15 people), with the defaults the checklist
 * and risk rules use when a street sets nothing. Free of zod, so the device's always-loaded code can
 * use it; the schema of a street's overrides is in street-threshold-overrides.ts.
 */
/** Defaults; each value's source is in DOMAIN.md §1.3 and §2.4. */
export const DEFAULT_STREET_THRESHOLDS = {
  /** GR01 人均使用面积 ≥ 4 m² (some cities 5) [S2][S3][S4]. */
  minAreaPerPersonM2: 4,
  /** GR02 每间居住 ≤ 2 人 [S2][S3][S4]. */
  maxPersonsPerRoom: 2,
  /** 群租: ≥10 rented rooms … [S2][S3]. */
  groupRentalRooms: 10,
  /** … or ≥10 occupants (some cities 15) [S2][S3]. */
  groupRentalPersons: 10,
  /** FE01 each rented unit ≥1 extinguisher of 2 kg ABC [S2][S4][S5]. */
  extinguisherKgPerUnit: 2,
  /** FE01 from this many units on, ≥2 extinguishers of the larger size. */
  extinguisherMultiUnitFrom: 2,
  extinguisherKgMultiUnit: 3,
  /** PS01 the lease is declared within 7 days of signing (Jiangsu) [S12]. */
  leaseDeclarationDays: 7,
  /** Dispute not resolved at grid level within this many days → 社区 (proposal, "e.g. 7"). */
  disputeGridResolveDays: 7,
  /** Dispute open at community level beyond this many days → 街道. */
  disputeCommunityResolveDays: 30,
  /** 重大疑难纠纷: a group of ≥10 people [S45]. */
  disputeGroupPersons: 10,
  /** 重大疑难纠纷: a labour dispute with ≥5 people [S45]. */
  disputeLaborGroupPersons: 5,
  /** 重大疑难纠纷: an amount ≥ 100,000 yuan [S45]. */
  disputeMajorAmountYuan: 100_000,
} as const;

export type StreetThresholds = { readonly [K in keyof typeof DEFAULT_STREET_THRESHOLDS]: number };
export type StreetThresholdKey = keyof StreetThresholds;

/** A street's overrides, each optional (validated by street-threshold-overrides.ts). */
export type StreetThresholdOverrides = { [K in StreetThresholdKey]?: number };

/** The thresholds in force for a street: its overrides over the defaults. */
export function streetThresholds(overrides: StreetThresholdOverrides = {}): StreetThresholds {
  const merged: Record<string, number> = { ...DEFAULT_STREET_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as StreetThresholds;
}
