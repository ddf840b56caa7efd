/**
 * Where a 上报事件 comes from besides the report form (issue 12 §2): a running patrol, a rental hazard
 * handed to a department (交办), a dispute sent beyond the community. Each builder makes the body the
 * form would, with its link back, so the app and the demo data report them the same way. Pure, and
 * free of zod (types only).
 */
import type { ChecklistSection } from './checklist-catalogue';
import { CHECKLIST_CATALOGUE } from './checklist-catalogue';
import type { Department } from './departments';
import type { DisputeBody } from './dispute';
import type { EventActor } from './event-access';
import type { EventCategoryCode } from './event-categories';
import { type EventStepResult, takeEventStep } from './event-steps';
import type { EventLevel } from './event-workflow';
import type { GridEventBody } from './grid-event';
import type { PatrolBody } from './patrol';
import type { FindingCategory } from './patrol-figures';
import type { Hazard, RentalInspectionBody } from './rental-inspection';

/** The patrol log's 发现问题 category an event found on patrol counts under. */
export const FINDING_CATEGORY_OF: Readonly<Record<EventCategoryCode, FindingCategory>> = {
  dispute: 'disputes',
  publicSecurity: 'securityHazards',
  safetyHazard: 'fireHazards',
  rentalPopulation: 'securityHazards',
  specialPopulation: 'securityHazards',
  livelihood: 'appeals',
  cityEvent: 'environment',
  cityComponent: 'environment',
  emergency: 'other',
  publicOpinion: 'suggestions',
  publicity: 'other',
  other: 'other',
};

/**
 * The patrol log once an event found on it is reported: one more 发现问题 of the event's category,
 * and one more 自行解决 or 上报 by how it was handled.
 */
export function withEventCounted(patrol: PatrolBody, event: GridEventBody): PatrolBody {
  const category = FINDING_CATEGORY_OF[event.categoryL1];
  const selfResolved = event.handlingMode === 'selfResolved';
  return {
    ...patrol,
    findings: { ...patrol.findings, [category]: patrol.findings[category] + 1 },
    selfResolvedCount: patrol.selfResolvedCount + (selfResolved ? 1 : 0),
    reportedCount: patrol.reportedCount + (selfResolved ? 0 : 1),
  };
}

/** The category a failed checklist item's hazard is reported under, by its checklist section. */
const HAZARD_CATEGORY: Readonly<Record<ChecklistSection, readonly [EventCategoryCode, string]>> = {
  eBike: ['safetyHazard', 'eBike'],
  electrical: ['safetyHazard', 'fire'],
  gasAndFire: ['safetyHazard', 'gas'],
  groupRental: ['rentalPopulation', 'groupRental'],
  fireEquipment: ['safetyHazard', 'fire'],
  evacuation: ['safetyHazard', 'fire'],
  building: ['safetyHazard', 'dangerousBuilding'],
  publicSecurity: ['publicSecurity', 'missingProtection'],
  other: ['safetyHazard', 'publicSafety'],
};

/** The level an event is reported at by a user of `role`: 网格长 and 社区 at the community, 街道 above. */
export function reportingLevelOf(role: string): EventLevel {
  if (role === 'streetAdmin') return 'street';
  if (role === 'communityAdmin' || role === 'gridLeader') return 'community';
  return 'grid';
}

export interface Reporter extends EventActor {
  name?: string | undefined;
}

/** A hazard found on inspection, handed to `department` (综合执法 or 消防) with `deadline`: an event it handles. */
export function eventFromHazard(input: {
  inspection: RentalInspectionBody;
  inspectionId: string;
  hazard: Hazard;
  /** The checklist item's name as shown (the event's title). */
  title: string;
  department: Department;
  deadline: string;
  reporter: Reporter;
  now: Date;
  /** Two fresh uuids: the 受理 and the 交办 entries of the flow log. */
  logIds: readonly [string, string];
}): EventStepResult {
  const { inspection, hazard, reporter, now } = input;
  const [categoryL1, categoryL2] = HAZARD_CATEGORY[CHECKLIST_CATALOGUE[hazard.itemCode].section];
  const at = now.toISOString();
  const reported: GridEventBody = {
    title: input.title.slice(0, 100),
    categoryL1,
    categoryL2,
    description: hazard.description,
    occurredAt: inspection.inspectedAt,
    reportedAt: at,
    source: 'visit',
    nature: 'individual',
    scale: hazard.hazardLevel === 'major' ? 'larger' : 'minor',
    address: inspection.address,
    ...(inspection.location ? { location: inspection.location } : {}),
    photoIds: hazard.photoIds ?? [],
    handlingMode: 'reportUp',
    reportedBy: reporter.id,
    ...(reporter.name ? { reportedByName: reporter.name } : {}),
    reportedLevel: reportingLevelOf(reporter.role),
    handlingLevel: reportingLevelOf(reporter.role),
    rentalInspectionId: input.inspectionId,
    hazardId: hazard.id,
    flowLogs: [],
    status: 'reported',
  };
  const context = { now, departmentIds: new Set([input.department.id]), handover: true };
  const byName = reporter.name;
  const accepted = takeEventStep(
    reported,
    reporter,
    { event: { type: 'accept' }, logId: input.logIds[0], at, byName },
    context,
  );
  if (!accepted.ok) return accepted;
  const assign = { type: 'assign' as const, departmentId: input.department.id, deadline: input.deadline };
  return takeEventStep(
    accepted.body,
    reporter,
    { event: assign, logId: input.logIds[1], at, byName },
    context,
  );
}

/** A dispute sent beyond the community (街道, 区): an event for the street to take, linked to the case. */
export function eventFromDispute(input: {
  dispute: DisputeBody;
  disputeId: string;
  reason: string;
  reporter: Reporter;
  now: Date;
}): GridEventBody {
  const { dispute, reporter } = input;
  return {
    title: dispute.title,
    categoryL1: 'dispute',
    categoryL2: dispute.disputeType,
    description: `${input.reason.trim()}\n${dispute.summary}`.slice(0, 2000),
    ...(dispute.occurredAt ? { occurredAt: dispute.occurredAt } : {}),
    reportedAt: input.now.toISOString(),
    source: 'superior',
    nature: dispute.nature,
    scale: dispute.riskLevel === 'red' ? 'major' : dispute.riskLevel === 'orange' ? 'larger' : 'minor',
    involvedCount: dispute.involvedCount,
    ...(dispute.involvedAmountYuan !== undefined ? { involvedAmountYuan: dispute.involvedAmountYuan } : {}),
    ...(dispute.place ? { address: dispute.place } : {}),
    ...(dispute.location ? { location: dispute.location } : {}),
    photoIds: [],
    handlingMode: 'reportUp',
    reportedBy: reporter.id,
    ...(reporter.name ? { reportedByName: reporter.name } : {}),
    reportedLevel: 'street',
    handlingLevel: 'street',
    disputeId: input.disputeId,
    ...(dispute.patrolId ? { patrolId: dispute.patrolId } : {}),
    flowLogs: [],
    status: 'reported',
  };
}
