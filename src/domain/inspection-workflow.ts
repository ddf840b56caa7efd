/**
 * Rental-inspection 出租房安全检查 workflow (DOMAIN.md §1.4). Only `submit` is a user action; after
 * it the inspection follows its hazards: its status is that of its least advanced hazard.
 *
 *   draft 草稿 ─ submit ─┬─ no hazards (or all closed) ───────────────────────────────→ closed 已闭环
 *                        └─ hazards → submitted 已提交 (a hazard still open, handling not chosen)
 *                                     → rectifying 整改中 ⇄ pendingRecheck 待复查 → closed
 *                                                   (back to rectifying when a recheck fails)
 *                                     → referred 已移交 → closed (after the departments' feedback)
 *
 * A submit may land on any later status at once (hazards fixed on site make it pendingRecheck).
 * Later hazard changes move it forward, plus pendingRecheck → rectifying; nothing else moves back.
 */
import type { HazardStatus } from './hazard-workflow';
import type { CHECK_RESULTS, INSPECTION_STATUSES } from './rental-inspection';

export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
type CheckResult = (typeof CHECK_RESULTS)[number];

export const INSPECTION_EVENT_TYPES = ['submit', 'hazardsChanged'] as const;
export type InspectionEventType = (typeof INSPECTION_EVENT_TYPES)[number];
/** `hazardsChanged`: re-derive the status after any of the inspection's hazards moved. */
export type InspectionEvent = { type: InspectionEventType };

/** What the inspection workflow reads: the checklist results and its hazards' statuses. */
export type InspectionContext = {
  checklist: readonly { itemCode: string; result: CheckResult }[];
  hazards: readonly { itemCode: string; status: HazardStatus }[];
};

export const INSPECTION_REFUSALS = [
  'notAllowed',
  'checklistEmpty',
  'hazardMissing',
  'hazardWithoutFailedItem',
  'cannotMoveBack',
] as const;
export type InspectionRefusal = (typeof INSPECTION_REFUSALS)[number];

export type InspectionTransition =
  | { ok: true; state: InspectionStatus }
  | { ok: false; reason: InspectionRefusal };

/** The inspection stage a hazard in each status holds the inspection at. */
export const INSPECTION_STAGE_OF_HAZARD = {
  open: 'submitted',
  rectifying: 'rectifying',
  recheckFailed: 'rectifying',
  // Waiting for the inspector: a recheck, or 销号 of a fix seen on site or a passed recheck.
  fixedOnSite: 'pendingRecheck',
  reportedFixed: 'pendingRecheck',
  recheckPassed: 'pendingRecheck',
  referred: 'referred',
  deptFeedback: 'referred',
  closed: 'closed',
} as const satisfies Record<HazardStatus, InspectionStatus>;

/** From least to most advanced, in the order of the §1.4 diagram. */
const STAGE_ORDER: readonly InspectionStatus[] = [
  'submitted',
  'rectifying',
  'pendingRecheck',
  'referred',
  'closed',
];

/** For each status and event, the statuses it may move to (the derived one must be among them). */
export const INSPECTION_TRANSITIONS = {
  draft: { submit: ['submitted', 'rectifying', 'pendingRecheck', 'referred', 'closed'] },
  submitted: { hazardsChanged: ['submitted', 'rectifying', 'pendingRecheck', 'referred', 'closed'] },
  rectifying: { hazardsChanged: ['rectifying', 'pendingRecheck', 'referred', 'closed'] },
  pendingRecheck: { hazardsChanged: ['rectifying', 'pendingRecheck', 'referred', 'closed'] },
  referred: { hazardsChanged: ['referred', 'closed'] },
  closed: { hazardsChanged: ['closed'] },
} as const satisfies Record<
  InspectionStatus,
  Partial<Record<InspectionEventType, readonly InspectionStatus[]>>
>;

/** Status of a submitted inspection: that of its least advanced hazard; closed when it has none. */
export function inspectionStatusFor(hazards: readonly { status: HazardStatus }[]): InspectionStatus {
  let stage = STAGE_ORDER.length - 1;
  for (const hazard of hazards) {
    stage = Math.min(stage, STAGE_ORDER.indexOf(INSPECTION_STAGE_OF_HAZARD[hazard.status]));
  }
  return STAGE_ORDER[stage] ?? 'closed';
}

/** Events the status accepts at all. */
export function allowedInspectionEvents(state: InspectionStatus): InspectionEventType[] {
  return INSPECTION_EVENT_TYPES.filter((type) => Object.hasOwn(INSPECTION_TRANSITIONS[state], type));
}

/** The next status of an inspection after `event`, or why it cannot happen. */
export function transitionInspection(
  state: InspectionStatus,
  event: InspectionEvent,
  context: InspectionContext,
): InspectionTransition {
  const moves: Partial<Record<InspectionEventType, readonly InspectionStatus[]>> =
    INSPECTION_TRANSITIONS[state];
  const allowed = moves[event.type];
  if (allowed === undefined) return { ok: false, reason: 'notAllowed' };
  if (event.type === 'submit') {
    const refusal = submitRefusal(context);
    if (refusal) return { ok: false, reason: refusal };
  }
  const next = inspectionStatusFor(context.hazards);
  return allowed.includes(next) ? { ok: true, state: next } : { ok: false, reason: 'cannotMoveBack' };
}

/** A submitted checklist is the 整改通知书's basis: one hazard per failed item, none for others. */
function submitRefusal(context: InspectionContext): InspectionRefusal | undefined {
  if (context.checklist.length === 0) return 'checklistEmpty';
  const failed = new Set(context.checklist.filter((e) => e.result === 'fail').map((e) => e.itemCode));
  const withHazard = new Set(context.hazards.map((h) => h.itemCode));
  for (const code of failed) if (!withHazard.has(code)) return 'hazardMissing';
  for (const code of withHazard) if (!failed.has(code)) return 'hazardWithoutFailedItem';
  return undefined;
}
