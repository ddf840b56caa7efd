/**
 * Who may read and write which records, by role (DOMAIN.md §6.2 "least privilege"). Pure and
 * table-driven: the server asks it on push, pull and photo reads; the org scope (grids) is checked
 * apart, so every rule below holds only for records in the caller's grids.
 *
 *   role                         patrol  rentalHouse  rentalInspection      dispute                gridEvent
 *   ───────────────────────────  ──────  ───────────  ────────────────────  ─────────────────────  ───────────────────
 *   fullTime/partTimeGridWorker, rw      rw           rw                    rw                     rw
 *   microGridLeader
 *   gridLeader, communityAdmin,  r; w own rw           r; w own              rw                     rw
 *   streetAdmin                  review               review
 *   communityPolice              rw      rw           rw                    rw                     rw
 *   auxiliaryPolice              rw      rw           rw                    r; w if risk red/orange rw
 *   lawEnforcement               –       –            rw if handed to them  –                      rw if dispatched
 *   departmentStaff              –       –            –                     –                      to their department
 *   mediator                     –       –            –                     rw if assigned, or     rw if a dispute
 *                                                                           awaiting acceptance
 *   politicalLegalGridWorker     –       –            –                     rw                     rw if a dispute
 *   any other role               –       –            –                     –                      –
 *
 * What a role may DO to an event (受理, 交办, 处置…) is event-access.ts's table; this one only says
 * whose events reach a device at all.
 *
 * Supervisors (网格长 and the community and street admins above the workers) review a worker's
 * patrol log or rental inspection (已审阅, or 退回 with a comment: record-review.ts) instead of
 * editing it: they write only the records they made themselves, and on anyone else's they may
 * append to the review log and change nothing else. The 一户一档, disputes and events are not one
 * worker's record: supervisors keep their workflow steps there (event-access.ts for events).
 *
 * Rental houses (一户一档) are 治安 registration data as much as fire safety, so the police keep them
 * with the grid workers.
 *
 * Community police keep writing every dispute in scope: the dispute form defaults to a yellow
 * risk, and police take part in resolving those. Law enforcement sees the inspections with a hazard
 * handed to it (referredTo 综合执法, 交办). A mediator sees the cases they mediate (their user id
 * among the mediators) and the new or escalated ones a committee has yet to take (受理); once other
 * mediators take a case, the next pull names it in `removed` and the device drops its copy.
 */
import type { RISK_LEVELS } from './dispute';
import { rulesOf as kindRulesOf } from './kinds/index';
import type { GridRecord } from './record-envelope';
import { RECORD_KINDS, RECORD_SCHEMA_VERSION, type RecordKind } from './record-kinds';

/** The facts of a record that rules may look at; plain data, so any layer can build them. */
export interface RecordFacts {
  /** Dispute.riskLevel. */
  riskLevel?: (typeof RISK_LEVELS)[number];
  /** A rental inspection with a result other than noHazard. */
  hazardFound?: boolean;
  /** A rental inspection with a hazard referred (交办) to 综合执法. */
  referredToLawEnforcement?: boolean;
  /** Dispute: the user ids of its mediators. */
  mediatorUserIds?: readonly string[];
  /** Dispute: registered or escalated, waiting for a committee to take it (受理). */
  awaitingAcceptance?: boolean;
  /**
   * The record is of a kind or body version this build does not know (a server rolled back past a
   * release, against the deploy order): its facts cannot be read, so no rule grants anything.
   */
  unknownShape?: true;
  /** 上报事件: the department it was last dispatched to (交办), and its level-one category. */
  departmentId?: string | undefined;
  eventCategory?: string;
  /** Who made the record (envelope createdBy); absent for a record being created. */
  authorId?: string;
}

/** Who asks: the user, and the department a department account is bound to. */
export interface Actor {
  id: string;
  departmentId?: string | undefined;
}

/** A rule reads the record's facts and who asks. */
type Rule = (facts: RecordFacts, actor: Actor) => boolean;
interface KindRules {
  read: Rule;
  write: Rule;
  /** Who may append 审阅 / 退回 to the review log (record-review.ts); nobody when absent. */
  review?: Rule;
}

const never: Rule = () => false;
const always: Rule = () => true;
const highRisk: Rule = (facts) => facts.riskLevel === 'red' || facts.riskLevel === 'orange';
const handedToLawEnforcement: Rule = (facts) => facts.referredToLawEnforcement === true;
/** 人民调解员: the cases they mediate, and new ones a committee has yet to take (DOMAIN.md §6.2). */
const assignedOrOpen: Rule = (facts, actor) =>
  facts.awaitingAcceptance === true || (actor.id !== '' && (facts.mediatorUserIds ?? []).includes(actor.id));
/** A department's events: the ones dispatched to the department the account is bound to. */
const dispatchedToThem: Rule = (facts, actor) =>
  actor.departmentId !== undefined && actor.departmentId !== '' && facts.departmentId === actor.departmentId;
const disputeEvent: Rule = (facts) => facts.eventCategory === 'dispute';
/** A record the actor makes now or made themselves. */
const ownRecord: Rule = (facts, actor) => facts.authorId === undefined || facts.authorId === actor.id;
/** Someone else's record: nobody reviews their own. */
const othersRecord: Rule = (facts, actor) => facts.authorId !== undefined && facts.authorId !== actor.id;

const NONE: KindRules = { read: never, write: never };
const READ_WRITE: KindRules = { read: always, write: always };

const GRID_WORK: Record<RecordKind, KindRules> = {
  patrol: READ_WRITE,
  rentalHouse: READ_WRITE,
  rentalInspection: READ_WRITE,
  dispute: READ_WRITE,
  gridEvent: READ_WRITE,
};
/** A worker's record a supervisor reviews and does not edit. */
const REVIEWED: KindRules = { read: always, write: ownRecord, review: othersRecord };
const SUPERVISION: Record<RecordKind, KindRules> = {
  patrol: REVIEWED,
  rentalHouse: READ_WRITE,
  rentalInspection: REVIEWED,
  dispute: READ_WRITE,
  gridEvent: READ_WRITE,
};
const DEPARTMENT_EVENTS: KindRules = { read: dispatchedToThem, write: dispatchedToThem };
const DISPUTE_EVENTS: KindRules = { read: disputeEvent, write: disputeEvent };
const DISPUTES_ONLY: Record<RecordKind, KindRules> = {
  patrol: NONE,
  rentalHouse: NONE,
  rentalInspection: NONE,
  dispute: READ_WRITE,
  gridEvent: DISPUTE_EVENTS,
};

const RULES: Readonly<Record<string, Record<RecordKind, KindRules>>> = {
  fullTimeGridWorker: GRID_WORK,
  partTimeGridWorker: GRID_WORK,
  gridLeader: SUPERVISION,
  microGridLeader: GRID_WORK,
  communityAdmin: SUPERVISION,
  streetAdmin: SUPERVISION,
  communityPolice: GRID_WORK,
  auxiliaryPolice: {
    patrol: READ_WRITE,
    rentalHouse: READ_WRITE,
    rentalInspection: READ_WRITE,
    dispute: { read: always, write: highRisk },
    gridEvent: READ_WRITE,
  },
  lawEnforcement: {
    patrol: NONE,
    rentalHouse: NONE,
    rentalInspection: { read: handedToLawEnforcement, write: handedToLawEnforcement },
    dispute: NONE,
    gridEvent: DEPARTMENT_EVENTS,
  },
  departmentStaff: {
    patrol: NONE,
    rentalHouse: NONE,
    rentalInspection: NONE,
    dispute: NONE,
    gridEvent: DEPARTMENT_EVENTS,
  },
  mediator: {
    patrol: NONE,
    rentalHouse: NONE,
    rentalInspection: NONE,
    dispute: { read: assignedOrOpen, write: assignedOrOpen },
    gridEvent: DISPUTE_EVENTS,
  },
  politicalLegalGridWorker: DISPUTES_ONLY,
};

function rulesOf(role: string, kind: RecordKind): KindRules {
  return Object.hasOwn(RULES, role) ? (RULES[role]?.[kind] ?? NONE) : NONE;
}

/** Whether `actor` with `role` may see a record of `kind` with these facts (inside their grids). */
export function canRead(role: string, kind: RecordKind, facts: RecordFacts, actor: Actor): boolean {
  return facts.unknownShape !== true && rulesOf(role, kind).read(facts, actor);
}

/** Whether `actor` with `role` may create, change or delete a record of `kind` with these facts. */
export function canWrite(role: string, kind: RecordKind, facts: RecordFacts, actor: Actor): boolean {
  return facts.unknownShape !== true && rulesOf(role, kind).write(facts, actor);
}

/**
 * Whether `actor` with `role` may append 审阅 / 退回 to the review log of a record of `kind` with
 * these facts (never their own record). What else a review may change is record-review.ts's check.
 */
export function canReview(role: string, kind: RecordKind, facts: RecordFacts, actor: Actor): boolean {
  return facts.unknownShape !== true && (rulesOf(role, kind).review ?? never)(facts, actor);
}

/**
 * Whether `role` takes new cases (受理): the people's mediators, whose devices hold the cases
 * awaiting acceptance in their scope (assignedOrOpen above). Their 今日待办 lists those cases.
 */
export function acceptsDisputes(role: string): boolean {
  return role === 'mediator';
}

/** Whether `role` is told of disputes and events for the police (police-notices.ts: 警务关注). */
export function receivesPoliceNotices(role: string): boolean {
  return role === 'communityPolice' || role === 'auxiliaryPolice';
}

/** Whether `role` reviews anyone's records at all (the home screen's 待审阅 card). */
export function reviewsRecords(role: string): boolean {
  return RECORD_KINDS.some((kind) => rulesOf(role, kind).review !== undefined);
}

/**
 * Whether `role` may create a record of `kind` from scratch: the write rule, on the facts every new
 * record has (a new dispute awaits acceptance; a new inspection is handed to nobody; a new event is
 * dispatched to nobody). What the app offers to create; the server still checks each record.
 */
export function canCreate(role: string, kind: RecordKind): boolean {
  return rulesOf(role, kind).write({ awaitingAcceptance: true }, { id: '' });
}

/**
 * Whether `role`'s home offers to create a record of `kind` (issue 13 §1): what they may create,
 * except the kinds they review. A supervisor's work on patrol logs and inspections is the review
 * of the workers' (待审阅); their home offers what reaches them first instead — an event they
 * come across (上报事件), a dispute brought to the office. The right to write their own stays.
 */
export function offeredOnHome(role: string, kind: RecordKind): boolean {
  return canCreate(role, kind) && rulesOf(role, kind).review === undefined;
}

/**
 * Whether `role` does the field work of a grid (patrols, found on foot): the people whose outcomes
 * the 区域总览's per-worker table shows.
 */
export function doesFieldWork(role: string): boolean {
  return offeredOnHome(role, 'patrol');
}

/** The kinds of which `role` may read at least some records, for filtering in SQL before facts. */
export function readableKinds(role: string): RecordKind[] {
  return RECORD_KINDS.filter((kind) => rulesOf(role, kind).read !== never);
}

/** The facts the rules look at, taken from a record by its kind's definition (kinds/). */
export function recordFacts(record: GridRecord): RecordFacts {
  const known = RECORD_KINDS.includes(record.kind) && record.schemaVersion === RECORD_SCHEMA_VERSION;
  return known
    ? { ...kindRulesOf(record).accessFacts(record.body), authorId: record.createdBy }
    : { unknownShape: true };
}
