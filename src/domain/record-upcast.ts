/**
 * Upcasters: turn a record stored or sent under an older body version into the current one, before
 * validation. Pure and deterministic — the server (push, its data migration) and every device (its
 * Dexie upgrade) upcast the same record independently and must agree to the byte, so ids made here
 * are derived from the record's own id, never random.
 *
 *   v1 → v2  patrol: no findings recorded (zeros), anti-fraud figures zero when the type is set;
 *            rentalInspection: one hazard per failed item, handled as the v1 overall result said;
 *            dispute: source gridReport, nature from the party count, handled at grid level,
 *            empty sessions / follow-ups / flow log.
 */
import type { ChecklistEntryFacts } from './checklist-catalogue';
import { hazardsForChecklist } from './inspection-hazards';
import { NO_ANTI_FRAUD, NO_FINDINGS } from './patrol-figures';
import type { RentalInspectionBody } from './rental-inspection';

type Fields = Record<string, unknown>;

/** The record in the current body version, or the input unchanged when it is not an old record. */
export function upcastRecord(input: unknown): unknown {
  if (!isObject(input) || input.schemaVersion !== 1 || !isObject(input.body)) return input;
  const body = input.body;
  switch (input.kind) {
    case 'patrol':
      return { ...input, schemaVersion: 2, body: patrolV2(body) };
    case 'rentalInspection':
      return { ...input, schemaVersion: 2, body: rentalInspectionV2(String(input.id), body) };
    case 'dispute':
      return { ...input, schemaVersion: 2, body: disputeV2(body) };
    default:
      return input;
  }
}

function patrolV2(body: Fields): Fields {
  const types = Array.isArray(body.patrolTypes) ? body.patrolTypes : [];
  return {
    ...body,
    findings: { ...NO_FINDINGS },
    selfResolvedCount: 0,
    reportedCount: 0,
    ...(types.includes('antiFraud') ? { antiFraud: { ...NO_ANTI_FRAUD } } : {}),
  };
}

function rentalInspectionV2(recordId: string, body: Fields): Fields {
  const checklist = Array.isArray(body.checklist) ? (body.checklist as ChecklistEntryFacts[]) : [];
  const deadline = typeof body.rectificationDeadline === 'string' ? body.rectificationDeadline : undefined;
  const hazards = hazardsForChecklist(checklist, [], {
    overallResult: body.overallResult as RentalInspectionBody['overallResult'],
    rectificationDeadline: deadline,
    newId: (n) => derivedId(recordId, n),
    describe: (itemCode) => itemCode,
  });
  return { ...body, hazards };
}

function disputeV2(body: Fields): Fields {
  const partyCount = Array.isArray(body.parties) ? body.parties.length : 2;
  return {
    ...body,
    source: 'gridReport',
    nature: partyCount >= 10 ? 'group' : 'individual',
    involvedCount: Math.max(1, partyCount),
    handlingLevel: 'grid',
    sessions: [],
    followUps: [],
    flowLogs: [],
  };
}

/** A uuid for the n-th child of a record: the record's id with its last 12 hex digits replaced by n. */
export function derivedId(recordId: string, n: number): string {
  return `${recordId.slice(0, 24)}${n.toString(16).padStart(12, '0')}`;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
