/**
 * Dispute 矛盾纠纷 / 人民调解 workflow (DOMAIN.md §2.2, §2.4), as a transition table plus guards.
 *
 *   reported 已登记 ─┬─ notAccept (routes told if out of scope) → notAccepted 不予受理 ─ close → closed
 *                    ├─ accept (consent, ≥1 mediator) → accepted 已受理
 *                    │     └─ startMediation (rights notified) → mediating 调解中
 *                    │           ├─ succeed (agreement written|oral, ≥1 session) → success 调解成功
 *                    │           │     ├─ startPerformance → performing 履行中 ─┐
 *                    │           │     └─────────────────────────────────────────┴─ followUp (≥1 回访,
 *                    │           │           performance settled) → followedUp 已回访 ─ close (≥1 回访) → closed
 *                    │           ├─ fail (≥1 session, reason, routes told) → failed 调解不成
 *                    │           │     └─ terminate → terminated 终止调解 ─ close → closed
 *                    │           └─ withdraw (also from accepted) → terminated
 *                    ├─ escalate (level strictly higher; also from accepted, mediating) → escalated 已上报
 *                    │     └─ the receiver: accept → accepted | startMediation → mediating | transfer
 *                    └─ transfer (also from accepted, mediating, escalated) → transferred 已移交
 *                          └─ confirmReceipt → awaitingFeedback 待反馈 ─ close (feedback noted) → closed
 *
 * Handling levels: grid 网格 → community 社区 → street 街道 → district 区. An escalation may skip
 * levels (a red case goes from the grid straight to the street) and the result carries the new level.
 */
import type { DISPUTE_STATUSES } from './dispute';

export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** 当前处置层级, lowest first. */
export const HANDLING_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** 告知途径 when mediation does not happen or fails (人民调解法 第26条). */
export const NOTIFIED_ROUTES = ['litigation', 'arbitration', 'administrative', 'petition'] as const;
export type NotifiedRoute = (typeof NOTIFIED_ROUTES)[number];

/** 移交单位 of a dispute (DOMAIN.md §2.2 referredTo). */
export const DISPUTE_REFERRAL_UNITS = [
  'policeStation',
  'court',
  'laborArbitration',
  'petitionOffice',
  'housing',
  'marketSupervision',
  'lawEnforcement',
  'other',
] as const;
export type DisputeReferralUnit = (typeof DISPUTE_REFERRAL_UNITS)[number];

/** 不予受理 because a party refuses (第17条) or the matter is not for 人民调解. */
export const NOT_ACCEPTED_REASONS = ['partyRefused', 'outOfScope'] as const;
export const AGREEMENT_TYPES = ['written', 'oral'] as const;
export const PERFORMANCE_STATUSES = [
  'notDue',
  'performing',
  'fulfilled',
  'partiallyFulfilled',
  'notFulfilled',
] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

export const DISPUTE_EVENT_TYPES = [
  'accept',
  'notAccept',
  'startMediation',
  'succeed',
  'fail',
  'withdraw',
  'escalate',
  'transfer',
  'startPerformance',
  'followUp',
  'terminate',
  'confirmReceipt',
  'close',
] as const;
export type DisputeEventType = (typeof DISPUTE_EVENT_TYPES)[number];

export type DisputeEvent =
  | { type: 'notAccept'; reason: (typeof NOT_ACCEPTED_REASONS)[number] }
  | { type: 'escalate'; toLevel: HandlingLevel }
  | { type: 'transfer'; referredTo: DisputeReferralUnit }
  | {
      type: Exclude<DisputeEventType, 'notAccept' | 'escalate' | 'transfer'>;
    };

/** The fields of the dispute the guards read, as plain values the record layer fills in. */
export type DisputeContext = {
  handlingLevel: HandlingLevel;
  consentToMediate: boolean;
  mediatorCount: number;
  rightsNotifiedAt?: string;
  sessionCount: number;
  agreementType?: (typeof AGREEMENT_TYPES)[number];
  failureReason?: string;
  routesNotified: readonly NotifiedRoute[];
  performanceStatus?: PerformanceStatus;
  followUpCount: number;
  transferFeedback?: string;
};

export const DISPUTE_REFUSALS = [
  'notAllowed',
  'consentRequired',
  'mediatorRequired',
  'rightsNotNotified',
  'sessionRequired',
  'agreementRequired',
  'failureReasonRequired',
  'routesNotNotified',
  'levelNotHigher',
  'performanceNotSettled',
  'followUpRequired',
  'feedbackRequired',
] as const;
export type DisputeRefusal = (typeof DISPUTE_REFUSALS)[number];

export type DisputeTransition =
  | { ok: true; state: DisputeStatus; handlingLevel: HandlingLevel }
  | { ok: false; reason: DisputeRefusal };

/** Which events each status accepts, and where they lead. Anything absent is refused as notAllowed. */
export const DISPUTE_TRANSITIONS = {
  reported: { accept: 'accepted', notAccept: 'notAccepted', escalate: 'escalated', transfer: 'transferred' },
  notAccepted: { close: 'closed' },
  accepted: {
    startMediation: 'mediating',
    withdraw: 'terminated',
    escalate: 'escalated',
    transfer: 'transferred',
  },
  mediating: {
    succeed: 'success',
    fail: 'failed',
    withdraw: 'terminated',
    escalate: 'escalated',
    transfer: 'transferred',
  },
  success: { startPerformance: 'performing', followUp: 'followedUp' },
  performing: { followUp: 'followedUp' },
  followedUp: { close: 'closed' },
  failed: { terminate: 'terminated' },
  terminated: { close: 'closed' },
  // The receiving level takes the case over: it accepts it, or mediates at once, or hands it on.
  escalated: { accept: 'accepted', startMediation: 'mediating', transfer: 'transferred' },
  transferred: { confirmReceipt: 'awaitingFeedback' },
  awaitingFeedback: { close: 'closed' },
  closed: {},
} as const satisfies Record<DisputeStatus, Partial<Record<DisputeEventType, DisputeStatus>>>;

/** Events the status accepts at all (guards may still refuse them). */
export function allowedDisputeEvents(state: DisputeStatus): DisputeEventType[] {
  return DISPUTE_EVENT_TYPES.filter((type) => Object.hasOwn(DISPUTE_TRANSITIONS[state], type));
}

/** The level above, or undefined at district level. */
export function nextHandlingLevel(level: HandlingLevel): HandlingLevel | undefined {
  return HANDLING_LEVELS[HANDLING_LEVELS.indexOf(level) + 1];
}

/** The next status (and handling level) of a dispute after `event`, or why it cannot happen. */
export function transitionDispute(
  state: DisputeStatus,
  event: DisputeEvent,
  context: DisputeContext,
): DisputeTransition {
  const targets: Partial<Record<DisputeEventType, DisputeStatus>> = DISPUTE_TRANSITIONS[state];
  const target = targets[event.type];
  if (target === undefined) return { ok: false, reason: 'notAllowed' };
  const refusal = guard(state, event, context);
  if (refusal) return { ok: false, reason: refusal };
  const handlingLevel = event.type === 'escalate' ? event.toLevel : context.handlingLevel;
  return { ok: true, state: target, handlingLevel };
}

const SETTLED_PERFORMANCE: readonly PerformanceStatus[] = ['fulfilled', 'partiallyFulfilled', 'notFulfilled'];

function guard(state: DisputeStatus, event: DisputeEvent, c: DisputeContext): DisputeRefusal | undefined {
  switch (event.type) {
    case 'accept':
      return acceptRefusal(c);
    case 'startMediation':
      // From escalated the receiver skips `accepted`, so it owes that step's checks too.
      return (
        (state === 'escalated' ? acceptRefusal(c) : undefined) ??
        (c.rightsNotifiedAt ? undefined : 'rightsNotNotified')
      );
    case 'notAccept':
      // Out of scope: the parties are guided to 行政/仲裁/诉讼 (DOMAIN.md §2.4).
      return event.reason === 'outOfScope' && c.routesNotified.length === 0 ? 'routesNotNotified' : undefined;
    case 'succeed':
      if (c.sessionCount < 1) return 'sessionRequired';
      // 第28条: a written agreement, or an oral one the mediator records.
      return c.agreementType === undefined ? 'agreementRequired' : undefined;
    case 'fail':
      if (c.sessionCount < 1) return 'sessionRequired';
      if (!c.failureReason?.trim()) return 'failureReasonRequired';
      // 第26条: terminate and tell the parties about 仲裁, 行政 and 司法 routes.
      return c.routesNotified.length === 0 ? 'routesNotNotified' : undefined;
    case 'escalate':
      return HANDLING_LEVELS.indexOf(event.toLevel) > HANDLING_LEVELS.indexOf(c.handlingLevel)
        ? undefined
        : 'levelNotHigher';
    case 'followUp':
      if (c.followUpCount < 1) return 'followUpRequired';
      return c.performanceStatus !== undefined && SETTLED_PERFORMANCE.includes(c.performanceStatus)
        ? undefined
        : 'performanceNotSettled';
    case 'close':
      // A successful case is closed only after a 回访 (若干规定 第36/39条). The status and the
      // follow-up list are separate fields, so the list itself is checked.
      if (state === 'followedUp' && c.followUpCount < 1) return 'followUpRequired';
      if (state === 'awaitingFeedback' && !c.transferFeedback?.trim()) return 'feedbackRequired';
      return undefined;
    case 'withdraw':
    case 'transfer':
    case 'startPerformance':
    case 'terminate':
    case 'confirmReceipt':
      return undefined;
  }
}

/** 受理: "经当事人同意" (第17条), and someone to mediate. */
function acceptRefusal(c: DisputeContext): DisputeRefusal | undefined {
  if (!c.consentToMediate) return 'consentRequired';
  return c.mediatorCount < 1 ? 'mediatorRequired' : undefined;
}
