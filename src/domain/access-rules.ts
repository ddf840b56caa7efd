/**
 * Who may read and write which records, by role (DOMAIN.md §6.2 "least privilege"). Pure and
 * table-driven: the server asks it on push, pull and photo reads; the org scope (grids) is checked
 * apart, so every rule below holds only for records in the caller's grids.
 *
 *   role                                   patrol   rentalHouse  rentalInspection       dispute
 *   ─────────────────────────────────────  ───────  ───────────  ─────────────────────  ─────────────────────
 *   fullTime/partTimeGridWorker,           rw       rw           rw                     rw
 *   gridLeader, microGridLeader,
 *   communityAdmin, streetAdmin
 *   communityPolice                        rw       rw           rw                     rw
 *   auxiliaryPolice                        rw       rw           rw                     r; w if risk red/orange
 *   lawEnforcement                         –        –            rw if a hazard found   –
 *   mediator                               –        –            –                      rw
 *   politicalLegalGridWorker               –        –            –                      rw
 *   any other role                         –        –            –                      –
 *
 * Rental houses (一户一档) are 治安 registration data as much as fire safety, so the police keep them
 * with the grid workers.
 *
 * Community police keep writing every dispute in scope: the dispute form defaults to a yellow
 * risk, and police take part in resolving those. Law enforcement only sees inspections that found a
 * hazard, the ones handed over for enforcement; records do not carry assignees yet, so "assigned to
 * me" (mediators, law enforcement) is still "in my grids".
 */
import type { RISK_LEVELS } from './dispute';
import type { GridRecord } from './record-envelope';
import { RECORD_KINDS, type RecordKind } from './record-kinds';

/** The facts of a record that rules may look at; plain data, so any layer can build them. */
export interface RecordFacts {
  /** Dispute.riskLevel. */
  riskLevel?: (typeof RISK_LEVELS)[number];
  /** A rental inspection with a result other than noHazard. */
  hazardFound?: boolean;
}

type Rule = (facts: RecordFacts) => boolean;
interface KindRules {
  read: Rule;
  write: Rule;
}

const never: Rule = () => false;
const always: Rule = () => true;
const highRisk: Rule = (facts) => facts.riskLevel === 'red' || facts.riskLevel === 'orange';
const hazardFound: Rule = (facts) => facts.hazardFound === true;

const NONE: KindRules = { read: never, write: never };
const READ_WRITE: KindRules = { read: always, write: always };

const GRID_WORK: Record<RecordKind, KindRules> = {
  patrol: READ_WRITE,
  rentalHouse: READ_WRITE,
  rentalInspection: READ_WRITE,
  dispute: READ_WRITE,
};
const DISPUTES_ONLY: Record<RecordKind, KindRules> = {
  patrol: NONE,
  rentalHouse: NONE,
  rentalInspection: NONE,
  dispute: READ_WRITE,
};

const RULES: Readonly<Record<string, Record<RecordKind, KindRules>>> = {
  fullTimeGridWorker: GRID_WORK,
  partTimeGridWorker: GRID_WORK,
  gridLeader: GRID_WORK,
  microGridLeader: GRID_WORK,
  communityAdmin: GRID_WORK,
  streetAdmin: GRID_WORK,
  communityPolice: GRID_WORK,
  auxiliaryPolice: {
    patrol: READ_WRITE,
    rentalHouse: READ_WRITE,
    rentalInspection: READ_WRITE,
    dispute: { read: always, write: highRisk },
  },
  lawEnforcement: {
    patrol: NONE,
    rentalHouse: NONE,
    rentalInspection: { read: hazardFound, write: hazardFound },
    dispute: NONE,
  },
  mediator: DISPUTES_ONLY,
  politicalLegalGridWorker: DISPUTES_ONLY,
};

function rulesOf(role: string, kind: RecordKind): KindRules {
  return Object.hasOwn(RULES, role) ? (RULES[role]?.[kind] ?? NONE) : NONE;
}

/** Whether `role` may see a record of `kind` with these facts (inside the caller's grids). */
export function canRead(role: string, kind: RecordKind, facts: RecordFacts): boolean {
  return rulesOf(role, kind).read(facts);
}

/** Whether `role` may create, change or delete a record of `kind` with these facts. */
export function canWrite(role: string, kind: RecordKind, facts: RecordFacts): boolean {
  return rulesOf(role, kind).write(facts);
}

/** The kinds of which `role` may read at least some records, for filtering in SQL before facts. */
export function readableKinds(role: string): RecordKind[] {
  return RECORD_KINDS.filter((kind) => rulesOf(role, kind).read !== never);
}

/** The facts the rules look at, taken from a record. */
export function recordFacts(record: GridRecord): RecordFacts {
  switch (record.kind) {
    case 'dispute':
      return { riskLevel: record.body.riskLevel };
    case 'rentalInspection':
      return { hazardFound: record.body.overallResult !== 'noHazard' || record.body.hazards.length > 0 };
    case 'patrol':
    case 'rentalHouse':
      return {};
  }
}
