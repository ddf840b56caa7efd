/**
 * Risk 研判 as data: each rule names a condition, the level it implies and, for disputes, where the
 * case must go. An assessment lists every rule that fired, so the app can say why (红/橙/黄).
 *
 * Levels follow Linhai's 红橙黄 grading [S40]: red = report at once, orange = handle the same day,
 * yellow = the grid worker resolves it. The escalation targets are DOMAIN.md §2.4 ("小事不出网格、
 * 大事不出社区", [S45] 重大疑难纠纷 → 街道). Which level each rule carries is a proposal.
 */
import type { DisputeRiskFlag, DisputeType, RISK_LEVELS } from './dispute';
import { HANDLING_LEVELS, type HandlingLevel } from './dispute-workflow';
import type { HazardLevel } from './hazard-workflow';
import type { RENTAL_HOUSE_TYPES } from './rental-house';
import { type StreetThresholds, streetThresholds } from './street-thresholds';

export type RiskLevel = (typeof RISK_LEVELS)[number];
/** A level a rule can raise; `none` is what is left when no rule fires. */
export type RaisedRiskLevel = Exclude<RiskLevel, 'none'>;
export type RiskReason<Code extends string> = { code: Code; level: RaisedRiskLevel };

export { DISPUTE_RISK_FLAGS, type DisputeRiskFlag } from './dispute';

/** The dispute fields the rules read. `daysOpen`: calendar days since registration, in China. */
export type DisputeRiskFacts = {
  riskLevel: RiskLevel;
  riskFlags: readonly DisputeRiskFlag[];
  disputeType: DisputeType;
  involvedCount: number;
  involvedAmountYuan?: number;
  handlingLevel: HandlingLevel;
  daysOpen: number;
};

type EscalationTarget = 'community' | 'street';

/** A dispute rule: when it fires, its level, where the case goes, and whether the police are told. */
export type DisputeRiskRule = {
  code: string;
  level: RaisedRiskLevel;
  escalateTo?: EscalationTarget;
  notifyPolice?: boolean;
  when: (facts: DisputeRiskFacts, thresholds: StreetThresholds) => boolean;
};

const flagged = (flag: DisputeRiskFlag) => (facts: DisputeRiskFacts) => facts.riskFlags.includes(flag);

/** Rules for an unresolved dispute, in the order the reasons are listed. */
export const DISPUTE_RISK_RULES = [
  // The worker's own 研判 counts as a reason like any other.
  { code: 'assessedRed', level: 'red', escalateTo: 'street', when: (f) => f.riskLevel === 'red' },
  { code: 'assessedOrange', level: 'orange', escalateTo: 'community', when: (f) => f.riskLevel === 'orange' },
  { code: 'assessedYellow', level: 'yellow', when: (f) => f.riskLevel === 'yellow' },
  // 人民调解法 第25条: a civil dispute that may turn criminal is reported to the police.
  {
    code: 'criminalRisk',
    level: 'red',
    escalateTo: 'street',
    notifyPolice: true,
    when: flagged('criminalRisk'),
  },
  { code: 'groupIncident', level: 'red', escalateTo: 'street', when: flagged('groupIncident') },
  { code: 'petitionRisk', level: 'red', escalateTo: 'street', when: flagged('petitionRisk') },
  {
    code: 'largeGroup',
    level: 'red',
    escalateTo: 'street',
    when: (f, t) => f.involvedCount >= t.disputeGroupPersons,
  },
  {
    code: 'laborGroup',
    level: 'orange',
    escalateTo: 'street',
    when: (f, t) => f.disputeType === 'labor' && f.involvedCount >= t.disputeLaborGroupPersons,
  },
  {
    code: 'largeAmount',
    level: 'orange',
    escalateTo: 'street',
    when: (f, t) => (f.involvedAmountYuan ?? 0) >= t.disputeMajorAmountYuan,
  },
  { code: 'mayIntensify', level: 'orange', escalateTo: 'community', when: flagged('mayIntensify') },
  {
    code: 'unresolvedAtGrid',
    level: 'yellow',
    escalateTo: 'community',
    when: (f, t) => f.handlingLevel === 'grid' && f.daysOpen > t.disputeGridResolveDays,
  },
  {
    code: 'unresolvedAtCommunity',
    level: 'orange',
    escalateTo: 'street',
    when: (f, t) => f.handlingLevel === 'community' && f.daysOpen > t.disputeCommunityResolveDays,
  },
] as const satisfies readonly DisputeRiskRule[];
export type DisputeRiskCode = (typeof DISPUTE_RISK_RULES)[number]['code'];

/** An explainable dispute assessment. `escalateTo` is set only when it is above the current level. */
export type DisputeRiskAssessment = {
  level: RiskLevel;
  reasons: RiskReason<DisputeRiskCode>[];
  escalateTo?: EscalationTarget;
  notifyPolice: boolean;
};

const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, yellow: 1, orange: 2, red: 3 };
const rank = (level: HandlingLevel) => HANDLING_LEVELS.indexOf(level);

/** The highest of the levels, `none` for none. */
function highest(levels: readonly RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>(
    (top, level) => (LEVEL_RANK[level] > LEVEL_RANK[top] ? level : top),
    'none',
  );
}

/** Every dispute rule that fires, the highest level, where to escalate and whether to tell the police. */
export function assessDisputeRisk(
  facts: DisputeRiskFacts,
  thresholds: StreetThresholds = streetThresholds(),
): DisputeRiskAssessment {
  const fired: readonly (DisputeRiskRule & { code: DisputeRiskCode })[] = DISPUTE_RISK_RULES.filter((rule) =>
    rule.when(facts, thresholds),
  );
  let escalateTo: EscalationTarget | undefined;
  for (const rule of fired) {
    const target = rule.escalateTo;
    if (target === undefined || rank(target) <= rank(facts.handlingLevel)) continue;
    if (escalateTo === undefined || rank(target) > rank(escalateTo)) escalateTo = target;
  }
  return {
    level: highest(fired.map((rule) => rule.level)),
    reasons: fired.map((rule) => ({ code: rule.code, level: rule.level })),
    ...(escalateTo === undefined ? {} : { escalateTo }),
    notifyPolice: fired.some((rule) => rule.notifyPolice === true),
  };
}

/** The rental-house fields the rules read. Hazards are the house's unclosed ones. */
export type RentalRiskFacts = {
  houseType: (typeof RENTAL_HOUSE_TYPES)[number];
  roomCount: number;
  occupantCount: number;
  openHazards: readonly { hazardLevel: HazardLevel; overdue: boolean }[];
  unregisteredPersons: number;
};

export type RentalRiskRule = {
  code: string;
  level: RaisedRiskLevel;
  when: (facts: RentalRiskFacts, thresholds: StreetThresholds) => boolean;
};

/** Rules for a rental house, in the order the reasons are listed. */
export const RENTAL_RISK_RULES = [
  { code: 'majorHazard', level: 'red', when: (f) => f.openHazards.some((h) => h.hazardLevel === 'major') },
  { code: 'overdueHazard', level: 'orange', when: (f) => f.openHazards.some((h) => h.overdue) },
  {
    code: 'groupRental',
    level: 'orange',
    when: (f, t) => f.roomCount >= t.groupRentalRooms || f.occupantCount >= t.groupRentalPersons,
  },
  // Living in a basement is itself a 重大 item (GR03); self-built houses are a 专项 topic.
  { code: 'basement', level: 'orange', when: (f) => f.houseType === 'basement' },
  { code: 'selfBuilt', level: 'yellow', when: (f) => f.houseType === 'selfBuilt' },
  {
    code: 'generalHazard',
    level: 'yellow',
    when: (f) => f.openHazards.some((h) => h.hazardLevel === 'general'),
  },
  { code: 'unregisteredOccupants', level: 'yellow', when: (f) => f.unregisteredPersons > 0 },
] as const satisfies readonly RentalRiskRule[];
export type RentalRiskCode = (typeof RENTAL_RISK_RULES)[number]['code'];

export type RentalRiskAssessment = { level: RiskLevel; reasons: RiskReason<RentalRiskCode>[] };

/** Every rental rule that fires and the highest level. */
export function assessRentalRisk(
  facts: RentalRiskFacts,
  thresholds: StreetThresholds = streetThresholds(),
): RentalRiskAssessment {
  const fired = RENTAL_RISK_RULES.filter((rule) => rule.when(facts, thresholds));
  return {
    level: highest(fired.map((rule) => rule.level)),
    reasons: fired.map((rule) => ({ code: rule.code, level: rule.level })),
  };
}
