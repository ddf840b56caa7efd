import { describe, expect, it } from 'vitest';
import {
  canRead,
  canWrite,
  type RecordFacts,
  readableKinds,
  recordFacts,
} from '../../src/domain/access-rules';
import { RISK_LEVELS } from '../../src/domain/dispute';
import type { RecordKind } from '../../src/domain/record-kinds';
import { RECORD_KINDS } from '../../src/domain/record-kinds';
import { ROLES } from '../../src/domain/roles';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';

/** Every fact combination a rule may look at. */
const ALL_FACTS: RecordFacts[] = [
  {},
  { hazardFound: true },
  { hazardFound: false },
  ...RISK_LEVELS.map((riskLevel) => ({ riskLevel })),
];

const GRID_WORK_ROLES = [
  'fullTimeGridWorker',
  'partTimeGridWorker',
  'gridLeader',
  'microGridLeader',
  'communityAdmin',
  'streetAdmin',
  'communityPolice',
] as const;

describe('access rules', () => {
  it.each(GRID_WORK_ROLES)('lets %s read and write every kind whatever its facts', (role) => {
    for (const kind of RECORD_KINDS) {
      for (const facts of ALL_FACTS) {
        expect(canRead(role, kind, facts)).toBe(true);
        expect(canWrite(role, kind, facts)).toBe(true);
      }
    }
  });

  it('lets auxiliary police read every kind but write only red or orange disputes', () => {
    for (const kind of RECORD_KINDS) expect(canRead('auxiliaryPolice', kind, {})).toBe(true);
    expect(canWrite('auxiliaryPolice', 'patrol', {})).toBe(true);
    expect(canWrite('auxiliaryPolice', 'rentalInspection', { hazardFound: false })).toBe(true);
    expect(RISK_LEVELS.filter((riskLevel) => canWrite('auxiliaryPolice', 'dispute', { riskLevel }))).toEqual([
      'red',
      'orange',
    ]);
  });

  it('shows law enforcement only rental inspections that found a hazard', () => {
    expect(readableKinds('lawEnforcement')).toEqual(['rentalInspection']);
    expect(canRead('lawEnforcement', 'rentalInspection', { hazardFound: true })).toBe(true);
    expect(canWrite('lawEnforcement', 'rentalInspection', { hazardFound: true })).toBe(true);
    expect(canRead('lawEnforcement', 'rentalInspection', { hazardFound: false })).toBe(false);
    expect(canWrite('lawEnforcement', 'rentalInspection', { hazardFound: false })).toBe(false);
    expect(canRead('lawEnforcement', 'dispute', { riskLevel: 'red' })).toBe(false);
    expect(canRead('lawEnforcement', 'patrol', {})).toBe(false);
  });

  it.each(['mediator', 'politicalLegalGridWorker'])('gives %s disputes and nothing else', (role) => {
    expect(readableKinds(role)).toEqual(['dispute']);
    for (const facts of ALL_FACTS) expect(canWrite(role, 'dispute', facts)).toBe(true);
    for (const kind of ['patrol', 'rentalInspection'] as const) {
      for (const facts of ALL_FACTS) {
        expect(canRead(role, kind, facts)).toBe(false);
        expect(canWrite(role, kind, facts)).toBe(false);
      }
    }
  });

  it.each(['fireRescue', 'propertyManager', '', 'constructor', '__proto__', 'toString'])(
    'gives the unknown role "%s" nothing',
    (role) => {
      expect(readableKinds(role)).toEqual([]);
      for (const kind of RECORD_KINDS) {
        for (const facts of ALL_FACTS) {
          expect(canRead(role, kind, facts)).toBe(false);
          expect(canWrite(role, kind, facts)).toBe(false);
        }
      }
    },
  );

  it('never lets a role write what it cannot read (a conflict answer would show it)', () => {
    for (const role of ROLES) {
      for (const kind of RECORD_KINDS) {
        for (const facts of ALL_FACTS) {
          if (canWrite(role, kind, facts)) expect(canRead(role, kind, facts)).toBe(true);
        }
      }
    }
  });

  it('lists exactly the kinds a role can read some record of', () => {
    for (const role of ROLES) {
      const some = (kind: RecordKind) => ALL_FACTS.some((facts) => canRead(role, kind, facts));
      expect(readableKinds(role)).toEqual(RECORD_KINDS.filter(some));
    }
  });

  it('takes the facts from records', () => {
    const inspection = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001');
    expect(recordFacts(inspection)).toEqual({ hazardFound: true });
    const clean = {
      ...inspection,
      body: { ...inspection.body, overallResult: 'noHazard' as const, hazards: [] },
    };
    expect(recordFacts(clean)).toEqual({ hazardFound: false });
    expect(recordFacts(sampleDispute('0190a5d2-7a3b-7c4d-8e9f-000000000002'))).toEqual({
      riskLevel: 'yellow',
    });
    expect(recordFacts(samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000003'))).toEqual({});
  });
});
