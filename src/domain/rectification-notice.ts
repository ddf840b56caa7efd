/**
 * The 隐患整改通知书 as printed, built from the rental inspection the device holds: the house, the
 * hazards still to fix with their checklist items, each one's 整改期限 and 整改责任人, the inspectors
 * and the day. Addressed to the landlord (出租人) by full name — an audited reveal, like the
 * agreement (agreement-paper.ts).
 */
import { looksMasked } from './agreement-paper';
import { localDayOf } from './due-dates';
import { isHazardSettled } from './hazard-status';
import type { HazardLevel } from './hazard-workflow';
import type { RentalInspectionRecord } from './record-envelope';
import type { CHECKLIST_ITEM_CODES, RESPONSIBLE_PARTIES, RentalInspectionBody } from './rental-inspection';

export interface NoticeHazard {
  id: string;
  itemCode: (typeof CHECKLIST_ITEM_CODES)[number];
  description: string;
  level: HazardLevel;
  /** 整改期限: the hazard's own, else the inspection's. */
  deadline?: string;
  responsibleParty?: (typeof RESPONSIBLE_PARTIES)[number];
  /** The responsible person's name when the record knows it (the landlord, a tenant present). */
  responsibleName?: string;
}

export interface RectificationNotice {
  recordId: string;
  noticeNo?: string;
  address: string;
  landlordName: string;
  landlordPhone?: string;
  hazards: NoticeHazard[];
  /** The latest deadline over the hazards listed: the one 整改期限 of the header. */
  deadline?: string;
  inspectors: string[];
  /** The day of the inspection, in China. */
  day: string;
  revealedFields: string[];
  masked: boolean;
}

/** The hazards a notice orders fixed: those not settled yet (fixed on site, passed, closed). */
function hazardsToFix(body: RentalInspectionBody) {
  return body.hazards.filter((hazard) => !isHazardSettled(hazard.status));
}

/** The inspection found hazards still to fix, so there is a notice to print. */
export function hasRectificationNotice(body: RentalInspectionBody): boolean {
  return body.status !== 'draft' && hazardsToFix(body).length > 0;
}

function responsibleName(
  body: RentalInspectionBody,
  party: NoticeHazard['responsibleParty'],
): string | undefined {
  if (party === 'landlord') return body.landlordName;
  if (party === 'tenant' && body.presentPerson?.relation === 'tenant') return body.presentPerson.name;
  return undefined;
}

/** The notice of an inspection with hazards to fix, or undefined (hasRectificationNotice). */
export function rectificationNotice(record: RentalInspectionRecord): RectificationNotice | undefined {
  const { body } = record;
  if (!hasRectificationNotice(body)) return undefined;
  const hazards = hazardsToFix(body).map((hazard): NoticeHazard => {
    const deadline = hazard.deadline ?? body.rectificationDeadline;
    const name = responsibleName(body, hazard.responsibleParty);
    return {
      id: hazard.id,
      itemCode: hazard.itemCode,
      description: hazard.description,
      level: hazard.hazardLevel,
      ...(deadline !== undefined && { deadline }),
      ...(hazard.responsibleParty !== undefined && { responsibleParty: hazard.responsibleParty }),
      ...(name !== undefined && { responsibleName: name }),
    };
  });
  const deadlines = hazards.flatMap((hazard) => (hazard.deadline ? [hazard.deadline] : [])).sort();
  const deadline = deadlines.at(-1);
  const tenantNamed = hazards.some(
    (hazard) => hazard.responsibleParty === 'tenant' && hazard.responsibleName,
  );
  return {
    recordId: record.id,
    ...(body.noticeNo !== undefined && { noticeNo: body.noticeNo }),
    address: body.address,
    landlordName: body.landlordName,
    ...(body.landlordPhone !== undefined && { landlordPhone: body.landlordPhone }),
    hazards,
    ...(deadline !== undefined && { deadline }),
    inspectors: (body.inspectors ?? []).map((inspector) => inspector.name),
    day: localDayOf(new Date(body.inspectedAt)),
    revealedFields: [
      'body.address',
      'body.landlordName',
      ...(body.landlordPhone !== undefined ? ['body.landlordPhone'] : []),
      ...(tenantNamed ? ['body.presentPerson.name'] : []),
    ],
    masked: looksMasked(body.landlordName) || looksMasked(body.landlordPhone),
  };
}
