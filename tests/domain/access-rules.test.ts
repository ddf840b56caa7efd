import { describe, expect, it } from 'vitest';
import {
  canCreate,
  canRead,
  canWrite,
  offeredOnHome,
  type RecordFacts,
  readableKinds,
  recordFacts,
} from '../../src/domain/access-rules';
import { RISK_LEVELS } from '../../src/domain/dispute';
import type { GridRecord } from '../../src/domain/record-envelope';
import type { RecordKind } from '../../src/domain/record-kinds';
import { RECORD_KINDS, RECORD_SCHEMA_VERSION } from '../../src/domain/record-kinds';
import { ROLES } from '../../src/domain/roles';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';

/** The user asking. */
// Bound to a department, so the department rules have someone to grant to.
const U = { id: 'user-1', departmentId: 'dachang-zhifa' };

/** Every fact combination a rule may look at. */
const ALL_FACTS: RecordFacts[] = [
  {},
  { hazardFound: true },
  { hazardFound: false },
  { hazardFound: true, referredToLawEnforcement: true },
  { hazardFound: true, referredToLawEnforcement: false },
  ...RISK_LEVELS.map((riskLevel) => ({ riskLevel })),
  { riskLevel: 'yellow', mediatorUserIds: [U.id], awaitingAcceptance: false },
  { riskLevel: 'yellow', mediatorUserIds: ['someone-else'], awaitingAcceptance: false },
  { riskLevel: 'yellow', mediatorUserIds: [], awaitingAcceptance: true },
  { departmentId: 'dachang-zhifa', eventCategory: 'safetyHazard' },
  { departmentId: undefined, eventCategory: 'dispute' },
  { departmentId: 'dachang-police', eventCategory: 'publicSecurity' },
  { authorId: 'someone-else' },
  { authorId: U.id },
];

const ZHIFA = { id: 'demo-hb-enforce', departmentId: 'dachang-zhifa' };

const GRID_WORK_ROLES = [
  'fullTimeGridWorker',
  'partTimeGridWorker',
  'microGridLeader',
  'communityPolice',
] as const;
const SUPERVISOR_ROLES = ['gridLeader', 'communityAdmin', 'streetAdmin'] as const;

describe('access rules', () => {
  it.each(GRID_WORK_ROLES)('lets %s read and write every kind whatever its facts', (role) => {
    for (const kind of RECORD_KINDS) {
      for (const facts of ALL_FACTS) {
        expect(canRead(role, kind, facts, U)).toBe(true);
        expect(canWrite(role, kind, facts, U)).toBe(true);
      }
    }
  });

  it.each(SUPERVISOR_ROLES)(
    'lets %s read every kind, and write all but other people’s patrol logs and inspections',
    (role) => {
      for (const kind of RECORD_KINDS) {
        for (const facts of ALL_FACTS) {
          expect(canRead(role, kind, facts, U)).toBe(true);
          const othersReviewed =
            (kind === 'patrol' || kind === 'rentalInspection') && facts.authorId === 'someone-else';
          expect(canWrite(role, kind, facts, U)).toBe(!othersReviewed);
        }
      }
    },
  );

  it('lets auxiliary police read every kind but write only red or orange disputes', () => {
    for (const kind of RECORD_KINDS) expect(canRead('auxiliaryPolice', kind, {}, U)).toBe(true);
    expect(canWrite('auxiliaryPolice', 'patrol', {}, U)).toBe(true);
    expect(canWrite('auxiliaryPolice', 'rentalInspection', { hazardFound: false }, U)).toBe(true);
    expect(
      RISK_LEVELS.filter((riskLevel) => canWrite('auxiliaryPolice', 'dispute', { riskLevel }, U)),
    ).toEqual(['red', 'orange']);
  });

  it('shows law enforcement only rental inspections with a hazard handed to them (交办)', () => {
    expect(readableKinds('lawEnforcement')).toEqual(['rentalInspection', 'gridEvent']);
    const handed = { hazardFound: true, referredToLawEnforcement: true };
    expect(canRead('lawEnforcement', 'rentalInspection', handed, U)).toBe(true);
    expect(canWrite('lawEnforcement', 'rentalInspection', handed, U)).toBe(true);
    const notHanded = { hazardFound: true, referredToLawEnforcement: false };
    expect(canRead('lawEnforcement', 'rentalInspection', notHanded, U)).toBe(false);
    expect(canWrite('lawEnforcement', 'rentalInspection', notHanded, U)).toBe(false);
    expect(canRead('lawEnforcement', 'rentalInspection', { hazardFound: false }, U)).toBe(false);
    expect(canRead('lawEnforcement', 'dispute', { riskLevel: 'red' }, U)).toBe(false);
    expect(canRead('lawEnforcement', 'patrol', {}, U)).toBe(false);
  });

  it.each(['lawEnforcement', 'departmentStaff'])(
    'gives %s the events dispatched to its department only',
    (role) => {
      const event = (departmentId: string | undefined) => ({ departmentId, eventCategory: 'safetyHazard' });
      for (const check of [canRead, canWrite]) {
        expect(check(role, 'gridEvent', event('dachang-zhifa'), ZHIFA)).toBe(true);
        expect(check(role, 'gridEvent', event('dachang-police'), ZHIFA)).toBe(false);
        expect(check(role, 'gridEvent', event(undefined), ZHIFA)).toBe(false);
        // An account bound to no department matches no event, not even one with no department.
        expect(check(role, 'gridEvent', event(undefined), { id: 'demo-x' })).toBe(false);
        expect(check(role, 'gridEvent', event(''), { id: 'demo-x', departmentId: '' })).toBe(false);
      }
      expect(readableKinds('departmentStaff')).toEqual(['gridEvent']);
    },
  );

  it.each(['mediator', 'politicalLegalGridWorker'])(
    'gives %s disputes and dispute events, nothing else',
    (role) => {
      expect(readableKinds(role)).toEqual(['dispute', 'gridEvent']);
      const event = (eventCategory: string) => ({ eventCategory });
      expect(canWrite(role, 'gridEvent', event('dispute'), U)).toBe(true);
      expect(canRead(role, 'gridEvent', event('safetyHazard'), U)).toBe(false);
      for (const kind of ['patrol', 'rentalHouse', 'rentalInspection'] as const) {
        for (const facts of ALL_FACTS) {
          expect(canRead(role, kind, facts, U)).toBe(false);
          expect(canWrite(role, kind, facts, U)).toBe(false);
        }
      }
    },
  );

  it('gives a political-legal grid worker every dispute in the grids', () => {
    for (const facts of ALL_FACTS)
      expect(canWrite('politicalLegalGridWorker', 'dispute', facts, U)).toBe(true);
  });

  it('gives a mediator the cases they mediate and the ones waiting to be taken, not other mediators’ cases', () => {
    const dispute = (facts: RecordFacts) => [
      canRead('mediator', 'dispute', facts, U),
      canWrite('mediator', 'dispute', facts, U),
    ];
    expect(dispute({ mediatorUserIds: [U.id], awaitingAcceptance: false })).toEqual([true, true]);
    expect(dispute({ mediatorUserIds: [], awaitingAcceptance: true })).toEqual([true, true]);
    expect(dispute({ mediatorUserIds: ['someone-else'], awaitingAcceptance: false })).toEqual([false, false]);
    // An unknown user id matches no mediator entry without a user id.
    expect(
      canRead('mediator', 'dispute', { mediatorUserIds: [''], awaitingAcceptance: false }, { id: '' }),
    ).toBe(false);
  });

  it.each(['fireRescue', 'propertyManager', '', 'constructor', '__proto__', 'toString'])(
    'gives the unknown role "%s" nothing',
    (role) => {
      expect(readableKinds(role)).toEqual([]);
      for (const kind of RECORD_KINDS) {
        for (const facts of ALL_FACTS) {
          expect(canRead(role, kind, facts, U)).toBe(false);
          expect(canWrite(role, kind, facts, U)).toBe(false);
        }
      }
    },
  );

  it('never lets a role write what it cannot read (a conflict answer would show it)', () => {
    for (const role of ROLES) {
      for (const kind of RECORD_KINDS) {
        for (const facts of ALL_FACTS) {
          if (canWrite(role, kind, facts, U)) expect(canRead(role, kind, facts, U)).toBe(true);
        }
      }
    }
  });

  it('lists exactly the kinds a role can read some record of', () => {
    for (const role of ROLES) {
      const some = (kind: RecordKind) => ALL_FACTS.some((facts) => canRead(role, kind, facts, U));
      expect(readableKinds(role)).toEqual(RECORD_KINDS.filter(some));
    }
  });

  it('grants nothing on a record of a body version or kind this build does not know, and never reads its body', () => {
    // A server rolled back past a release holds records written by the newer one (deploy order broken).
    const newer = {
      ...sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000003'),
      schemaVersion: RECORD_SCHEMA_VERSION + 1,
      body: {},
    };
    const foreign = { ...samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000004'), kind: 'streetLamp', body: {} };
    for (const record of [newer, foreign] as unknown as GridRecord[]) {
      const facts = recordFacts(record);
      expect(facts).toEqual({ unknownShape: true });
      for (const role of ROLES) {
        expect(canRead(role, record.kind, facts, { id: 'u1' }), role).toBe(false);
        expect(canWrite(role, record.kind, facts, { id: 'u1' }), role).toBe(false);
      }
    }
  });

  it('takes the facts from records', () => {
    const inspection = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001');
    expect(recordFacts(inspection)).toEqual({
      hazardFound: true,
      referredToLawEnforcement: false,
      authorId: 'u1',
    });
    const referred = {
      ...inspection,
      body: {
        ...inspection.body,
        hazards: inspection.body.hazards.map((h) => ({
          ...h,
          handling: 'referred' as const,
          referredTo: 'lawEnforcement' as const,
        })),
      },
    };
    expect(recordFacts(referred)).toMatchObject({ referredToLawEnforcement: true });
    const clean = {
      ...inspection,
      body: { ...inspection.body, overallResult: 'noHazard' as const, hazards: [] },
    };
    expect(recordFacts(clean)).toEqual({
      hazardFound: false,
      referredToLawEnforcement: false,
      authorId: 'u1',
    });
    const dispute = sampleDispute('0190a5d2-7a3b-7c4d-8e9f-000000000002');
    expect(recordFacts(dispute)).toEqual({
      riskLevel: 'yellow',
      mediatorUserIds: [],
      awaitingAcceptance: true,
      authorId: 'u1',
    });
    const taken = {
      ...dispute,
      body: {
        ...dispute.body,
        status: 'accepted' as const,
        mediators: [
          { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000d1', userId: U.id, name: '何建华' },
          { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000d2', name: '王' },
        ],
      },
    };
    expect(recordFacts(taken)).toEqual({
      riskLevel: 'yellow',
      mediatorUserIds: [U.id],
      awaitingAcceptance: false,
      authorId: 'u1',
    });
    expect(recordFacts(samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000003'))).toEqual({ authorId: 'u1' });
  });
});

describe('what a role is offered to create', () => {
  it('offers each role exactly the kinds it may write from scratch', () => {
    const offered = (role: string) => RECORD_KINDS.filter((kind) => canCreate(role, kind));
    expect(offered('fullTimeGridWorker')).toEqual([
      'patrol',
      'rentalInspection',
      'dispute',
      'gridEvent',
      'rentalHouse',
    ]);
    expect(offered('lawEnforcement')).toEqual([]);
    expect(offered('departmentStaff')).toEqual([]);
    expect(offered('mediator')).toEqual(['dispute']);
    expect(offered('auxiliaryPolice')).toEqual(['patrol', 'rentalInspection', 'gridEvent', 'rentalHouse']);
  });

  it('offers a supervisor on home what reaches them first, not the field work they review', () => {
    const onHome = (role: string) => RECORD_KINDS.filter((kind) => offeredOnHome(role, kind));
    for (const role of ['gridLeader', 'communityAdmin', 'streetAdmin']) {
      expect(onHome(role)).toEqual(['dispute', 'gridEvent', 'rentalHouse']);
      // Their own patrol log stays theirs to write: only the home stops offering it.
      expect(canCreate(role, 'patrol')).toBe(true);
    }
    for (const role of ['fullTimeGridWorker', 'communityPolice', 'mediator', 'lawEnforcement']) {
      expect(onHome(role)).toEqual(RECORD_KINDS.filter((kind) => canCreate(role, kind)));
    }
  });
});
