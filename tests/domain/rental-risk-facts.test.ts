import { describe, expect, it } from 'vitest';
import { rentalRiskFacts } from '../../src/domain/rental-risk-facts';
import { assessRentalRisk } from '../../src/domain/risk-rules';
import { sampleRentalHouse, sampleRentalInspection } from '../support/sample-records';

const house = () => sampleRentalHouse('0190a5d2-7a3b-7c4d-8e9f-000000000002').body;
const inspection = () => sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001').body;

describe('the risk facts of a rental house', () => {
  it('lists unsettled hazards of its inspections, overdue once the deadline day has ended', () => {
    const facts = rentalRiskFacts(house(), [inspection()], new Date('2026-11-28T02:00:00Z'));
    expect(facts.openHazards).toEqual([{ hazardLevel: 'major', overdue: true }]);
    expect(assessRentalRisk(facts).reasons.map((r) => r.code)).toEqual(['majorHazard', 'overdueHazard']);
  });

  it('ignores hazards that are fixed or signed off', () => {
    const done = inspection();
    done.hazards = done.hazards.map((h) => ({ ...h, status: 'closed' as const }));
    const facts = rentalRiskFacts(house(), [done], new Date('2026-11-28T02:00:00Z'));
    expect(facts.openHazards).toEqual([]);
    expect(assessRentalRisk(facts).level).toBe('none');
  });

  it('counts tenants still living there without 居住登记, or more if the latest inspection saw more', () => {
    const withTenants = house();
    withTenants.tenants = [
      { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000f1', name: '甲', residenceRegistration: 'none' },
      {
        id: '0190a5d2-7a3b-7c4d-8e9f-0000000000f2',
        name: '乙',
        residenceRegistration: 'none',
        movedOutDate: '2026-10-01',
      },
      { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000f3', name: '丙', residenceRegistration: 'registered' },
    ];
    const now = new Date('2026-11-20T02:00:00Z');
    expect(rentalRiskFacts(withTenants, [], now).unregisteredPersons).toBe(1);
    const older = { ...inspection(), inspectedAt: '2026-10-01T02:00:00.000Z', unregisteredPersons: 5 };
    const latest = { ...inspection(), inspectedAt: '2026-11-01T02:00:00.000Z', unregisteredPersons: 3 };
    expect(rentalRiskFacts(withTenants, [older, latest], now).unregisteredPersons).toBe(3);
  });
});
