/**
 * The facts assessRentalRisk reads, gathered from a 一户一档 house and the inspections made of it.
 */
import { isHazardOverdue, isHazardSettled } from './hazard-status';
import type { RentalHouseBody } from './rental-house';
import type { RentalInspectionBody } from './rental-inspection';
import type { RentalRiskFacts } from './risk-rules';

/**
 * Open hazards of every inspection (with 逾期 derived at `now`); unregistered occupants are the
 * larger of the tenants still living there without 居住登记 and the count seen at the latest
 * inspection (people the landlord never listed).
 */
export function rentalRiskFacts(
  house: Pick<RentalHouseBody, 'houseType' | 'roomCount' | 'occupantCount' | 'tenants'>,
  inspections: readonly Pick<RentalInspectionBody, 'hazards' | 'inspectedAt' | 'unregisteredPersons'>[],
  now: Date,
): RentalRiskFacts {
  const openHazards = inspections.flatMap((inspection) =>
    inspection.hazards
      .filter((h) => !isHazardSettled(h.status))
      .map((h) => ({ hazardLevel: h.hazardLevel, overdue: isHazardOverdue(h, now) })),
  );
  const unregisteredTenants = house.tenants.filter(
    (tenant) => tenant.residenceRegistration === 'none' && tenant.movedOutDate === undefined,
  ).length;
  const latest = [...inspections].sort((a, b) => b.inspectedAt.localeCompare(a.inspectedAt))[0];
  return {
    houseType: house.houseType,
    roomCount: house.roomCount,
    occupantCount: house.occupantCount,
    openHazards,
    unregisteredPersons: Math.max(unregisteredTenants, latest?.unregisteredPersons ?? 0),
  };
}
