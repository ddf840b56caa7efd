import { describe, expect, it } from 'vitest';
import {
  assessDisputeRisk,
  assessRentalRisk,
  DISPUTE_RISK_RULES,
  type DisputeRiskCode,
  type DisputeRiskFacts,
  RENTAL_RISK_RULES,
  type RentalRiskCode,
  type RentalRiskFacts,
} from '../../src/domain/risk-rules';
import { streetThresholds } from '../../src/domain/street-thresholds';

/** A dispute no rule fires on. */
const QUIET_DISPUTE: DisputeRiskFacts = {
  riskLevel: 'none',
  riskFlags: [],
  disputeType: 'neighbor',
  involvedCount: 2,
  handlingLevel: 'grid',
  daysOpen: 0,
};

type DisputeCase = {
  fires: Partial<DisputeRiskFacts>;
  nearMiss: Partial<DisputeRiskFacts>;
  /** What the rule alone yields. */
  alone: { level: string; escalateTo?: string; notifyPolice: boolean };
};

/** One row per rule: facts that fire it, facts just short of it, and its effect. */
const DISPUTE_CASES: Record<DisputeRiskCode, DisputeCase> = {
  assessedRed: {
    fires: { riskLevel: 'red' },
    nearMiss: { riskLevel: 'orange' },
    alone: { level: 'red', escalateTo: 'street', notifyPolice: false },
  },
  assessedOrange: {
    fires: { riskLevel: 'orange' },
    nearMiss: { riskLevel: 'yellow' },
    alone: { level: 'orange', escalateTo: 'community', notifyPolice: false },
  },
  assessedYellow: {
    fires: { riskLevel: 'yellow' },
    nearMiss: { riskLevel: 'none' },
    alone: { level: 'yellow', notifyPolice: false },
  },
  criminalRisk: {
    fires: { riskFlags: ['criminalRisk'] },
    nearMiss: { riskFlags: ['vulnerableParty'] },
    alone: { level: 'red', escalateTo: 'street', notifyPolice: true },
  },
  groupIncident: {
    fires: { riskFlags: ['groupIncident'] },
    nearMiss: { riskFlags: ['vulnerableParty'] },
    alone: { level: 'red', escalateTo: 'street', notifyPolice: false },
  },
  petitionRisk: {
    fires: { riskFlags: ['petitionRisk'] },
    nearMiss: { riskFlags: ['vulnerableParty'] },
    alone: { level: 'red', escalateTo: 'street', notifyPolice: false },
  },
  largeGroup: {
    fires: { involvedCount: 10 },
    nearMiss: { involvedCount: 9 },
    alone: { level: 'red', escalateTo: 'street', notifyPolice: false },
  },
  laborGroup: {
    fires: { disputeType: 'labor', involvedCount: 5 },
    nearMiss: { disputeType: 'labor', involvedCount: 4 },
    alone: { level: 'orange', escalateTo: 'street', notifyPolice: false },
  },
  largeAmount: {
    fires: { involvedAmountYuan: 100_000 },
    nearMiss: { involvedAmountYuan: 99_999.99 },
    alone: { level: 'orange', escalateTo: 'street', notifyPolice: false },
  },
  mayIntensify: {
    fires: { riskFlags: ['mayIntensify'] },
    nearMiss: { riskFlags: ['vulnerableParty'] },
    alone: { level: 'orange', escalateTo: 'community', notifyPolice: false },
  },
  unresolvedAtGrid: {
    fires: { handlingLevel: 'grid', daysOpen: 8 },
    nearMiss: { handlingLevel: 'grid', daysOpen: 7 },
    alone: { level: 'yellow', escalateTo: 'community', notifyPolice: false },
  },
  unresolvedAtCommunity: {
    fires: { handlingLevel: 'community', daysOpen: 31 },
    nearMiss: { handlingLevel: 'community', daysOpen: 30 },
    alone: { level: 'orange', escalateTo: 'street', notifyPolice: false },
  },
};

const dispute = (patch: Partial<DisputeRiskFacts>): DisputeRiskFacts => ({ ...QUIET_DISPUTE, ...patch });

describe('dispute risk rules', () => {
  it('has a case for every rule', () => {
    expect(DISPUTE_RISK_RULES.map((rule) => rule.code).sort()).toEqual(Object.keys(DISPUTE_CASES).sort());
  });

  it('finds no risk in a quiet dispute', () => {
    expect(assessDisputeRisk(QUIET_DISPUTE)).toEqual({ level: 'none', reasons: [], notifyPolice: false });
  });

  it.each(Object.entries(DISPUTE_CASES))('%s fires alone with its level and effects', (code, c) => {
    const { escalateTo, ...rest } = c.alone;
    expect(assessDisputeRisk(dispute(c.fires))).toEqual({
      ...rest,
      reasons: [{ code, level: c.alone.level }],
      ...(escalateTo === undefined ? {} : { escalateTo }),
    });
  });

  it.each(Object.entries(DISPUTE_CASES))('%s does not fire just short of its condition', (code, c) => {
    const codes = assessDisputeRisk(dispute(c.nearMiss)).reasons.map((r) => r.code);
    expect(codes).not.toContain(code);
  });

  it('counts only labour disputes as a labour group', () => {
    expect(assessDisputeRisk(dispute({ disputeType: 'neighbor', involvedCount: 5 })).reasons).toEqual([]);
  });

  it('counts grid days only at grid level and community days only at community level', () => {
    expect(assessDisputeRisk(dispute({ handlingLevel: 'community', daysOpen: 8 })).reasons).toEqual([]);
    expect(assessDisputeRisk(dispute({ handlingLevel: 'street', daysOpen: 60 })).reasons).toEqual([]);
  });

  it('lists every reason in rule order; the highest level and the highest target win', () => {
    const facts = dispute({
      riskLevel: 'yellow',
      riskFlags: ['mayIntensify', 'criminalRisk'],
      involvedCount: 12,
      involvedAmountYuan: 200_000,
    });
    expect(assessDisputeRisk(facts)).toEqual({
      level: 'red',
      reasons: [
        { code: 'assessedYellow', level: 'yellow' },
        { code: 'criminalRisk', level: 'red' },
        { code: 'largeGroup', level: 'red' },
        { code: 'largeAmount', level: 'orange' },
        { code: 'mayIntensify', level: 'orange' },
      ],
      escalateTo: 'street',
      notifyPolice: true,
    });
  });

  it('escalates only above the current level, but still tells the police', () => {
    const atCommunity = assessDisputeRisk(
      dispute({ handlingLevel: 'community', riskFlags: ['mayIntensify'] }),
    );
    expect(atCommunity).toEqual({
      level: 'orange',
      reasons: [{ code: 'mayIntensify', level: 'orange' }],
      notifyPolice: false,
    });
    const atStreet = assessDisputeRisk(dispute({ handlingLevel: 'street', riskFlags: ['criminalRisk'] }));
    expect(atStreet).not.toHaveProperty('escalateTo');
    expect(atStreet.notifyPolice).toBe(true);
    const orangeAndRedAtCommunity = assessDisputeRisk(
      dispute({ handlingLevel: 'community', riskLevel: 'orange', involvedCount: 15 }),
    );
    expect(orangeAndRedAtCommunity.escalateTo).toBe('street');
  });

  it('uses the street thresholds', () => {
    const strict = streetThresholds({ disputeGridResolveDays: 3, disputeMajorAmountYuan: 50_000 });
    const codes = assessDisputeRisk(dispute({ daysOpen: 4, involvedAmountYuan: 60_000 }), strict).reasons.map(
      (r) => r.code,
    );
    expect(codes).toEqual(['largeAmount', 'unresolvedAtGrid']);
  });
});

/** A rental house no rule fires on. */
const QUIET_HOUSE: RentalRiskFacts = {
  houseType: 'suite',
  roomCount: 2,
  occupantCount: 3,
  openHazards: [],
  unregisteredPersons: 0,
};

const RENTAL_CASES: Record<
  RentalRiskCode,
  { fires: Partial<RentalRiskFacts>; nearMiss: Partial<RentalRiskFacts>; level: string }
> = {
  majorHazard: {
    fires: { openHazards: [{ hazardLevel: 'major', overdue: false }] },
    nearMiss: { openHazards: [{ hazardLevel: 'general', overdue: false }] },
    level: 'red',
  },
  overdueHazard: {
    fires: { openHazards: [{ hazardLevel: 'general', overdue: true }] },
    nearMiss: { openHazards: [{ hazardLevel: 'general', overdue: false }] },
    level: 'orange',
  },
  groupRental: { fires: { roomCount: 10 }, nearMiss: { roomCount: 9, occupantCount: 9 }, level: 'orange' },
  basement: { fires: { houseType: 'basement' }, nearMiss: { houseType: 'bungalow' }, level: 'orange' },
  selfBuilt: { fires: { houseType: 'selfBuilt' }, nearMiss: { houseType: 'other' }, level: 'yellow' },
  generalHazard: {
    fires: { openHazards: [{ hazardLevel: 'general', overdue: false }] },
    nearMiss: { openHazards: [{ hazardLevel: 'major', overdue: false }] },
    level: 'yellow',
  },
  unregisteredOccupants: {
    fires: { unregisteredPersons: 1 },
    nearMiss: { unregisteredPersons: 0 },
    level: 'yellow',
  },
};

const house = (patch: Partial<RentalRiskFacts>): RentalRiskFacts => ({ ...QUIET_HOUSE, ...patch });

describe('rental risk rules', () => {
  it('has a case for every rule', () => {
    expect(RENTAL_RISK_RULES.map((rule) => rule.code).sort()).toEqual(Object.keys(RENTAL_CASES).sort());
  });

  it('finds no risk in a quiet house', () => {
    expect(assessRentalRisk(QUIET_HOUSE)).toEqual({ level: 'none', reasons: [] });
  });

  it.each(Object.entries(RENTAL_CASES))('%s fires with its level', (code, c) => {
    const result = assessRentalRisk(house(c.fires));
    expect(result.reasons).toContainEqual({ code, level: c.level });
  });

  it.each(Object.entries(RENTAL_CASES))('%s does not fire just short of its condition', (code, c) => {
    expect(assessRentalRisk(house(c.nearMiss)).reasons.map((r) => r.code)).not.toContain(code);
  });

  it('calls a house a group rental by occupants too, at the street threshold', () => {
    expect(assessRentalRisk(house({ occupantCount: 10 })).reasons).toEqual([
      { code: 'groupRental', level: 'orange' },
    ]);
    const strict = streetThresholds({ groupRentalPersons: 15 });
    expect(assessRentalRisk(house({ occupantCount: 14 }), strict).reasons).toEqual([]);
  });

  it('lists every reason in rule order and takes the highest level', () => {
    const facts = house({
      houseType: 'basement',
      openHazards: [
        { hazardLevel: 'major', overdue: true },
        { hazardLevel: 'general', overdue: false },
      ],
      unregisteredPersons: 2,
    });
    expect(assessRentalRisk(facts)).toEqual({
      level: 'red',
      reasons: [
        { code: 'majorHazard', level: 'red' },
        { code: 'overdueHazard', level: 'orange' },
        { code: 'basement', level: 'orange' },
        { code: 'generalHazard', level: 'yellow' },
        { code: 'unregisteredOccupants', level: 'yellow' },
      ],
    });
  });

  it('stays yellow when only yellow rules fire', () => {
    expect(assessRentalRisk(house({ houseType: 'selfBuilt', unregisteredPersons: 3 })).level).toBe('yellow');
  });
});
