/**
 * A mediator's step on a dispute, applied to its body: the step's fields are written, the state
 * machine (dispute-workflow.ts) is asked with the body as it would be, and on success the status,
 * handling level and a 流转记录 follow. The UI checks a step here BEFORE saving, so a refused step
 * never reaches the outbox.
 *
 * Steps that are not workflow events (记录调解, 反馈, 延期) append to their own child list and leave
 * the status as it is; the flow log still records them (DISPUTE_NOTE_ACTIONS), from and to the same status.
 */
import type { DISPUTE_NOTE_ACTIONS, DisputeBody, FlowLog, FollowUp, MediationSession } from './dispute';
import { mediationLimitRuns } from './dispute-status';
import {
  type DisputeContext,
  type DisputeEvent,
  type DisputeReferralUnit,
  type DisputeRefusal,
  type HandlingLevel,
  type NOT_ACCEPTED_REASONS,
  type NotifiedRoute,
  transitionDispute,
} from './dispute-workflow';
import { type DueDateExtension, daysBetween, localDayOf } from './due-dates';
import type { DisputeRiskFacts } from './risk-rules';

type Agreement = NonNullable<DisputeBody['agreement']>;
type Mediator = NonNullable<DisputeBody['mediators']>[number];

/** One step a person takes on the case detail screen, with exactly the fields it needs. */
export type DisputeAction =
  | { type: 'accept'; consentToMediate: boolean; mediationOrg?: string; mediators: Mediator[] }
  | {
      type: 'notAccept';
      reason: (typeof NOT_ACCEPTED_REASONS)[number];
      routesNotified: NotifiedRoute[];
      note?: string;
    }
  | { type: 'startMediation'; rightsNotifiedAt: string }
  | { type: 'recordSession'; session: MediationSession }
  | { type: 'succeed'; agreementType: 'written' | 'oral'; agreement: Agreement }
  | { type: 'fail'; failureReason: string; routesNotified: NotifiedRoute[] }
  | { type: 'withdraw'; reason?: string }
  | { type: 'escalate'; toLevel: HandlingLevel; reason: string }
  | { type: 'transfer'; referredTo: DisputeReferralUnit; reason: string }
  | { type: 'startPerformance' }
  | { type: 'followUp'; followUp: FollowUp }
  | { type: 'terminate'; reason?: string }
  | { type: 'confirmReceipt' }
  | { type: 'feedback'; transferFeedback: string }
  | { type: 'close' }
  | { type: 'extend'; extension: DueDateExtension };
export type DisputeActionType = DisputeAction['type'];

/** Who acts (id, and name as shown), when, and where fresh child-list ids come from (uuidV7 on the device). */
export type ActionStamp = { now: Date; userId: string; userName?: string; newId: () => string };

export type DisputeActionResult = { ok: true; body: DisputeBody } | { ok: false; reason: DisputeRefusal };

/** The fields the workflow guards read, taken from a body. */
export function disputeContextFrom(body: DisputeBody): DisputeContext {
  return {
    handlingLevel: body.handlingLevel,
    consentToMediate: body.consentToMediate === true,
    mediatorCount: body.mediators?.length ?? 0,
    ...(body.rightsNotifiedAt !== undefined && { rightsNotifiedAt: body.rightsNotifiedAt }),
    sessionCount: body.sessions.length,
    ...(body.agreementType !== undefined && { agreementType: body.agreementType }),
    ...(body.failureReason !== undefined && { failureReason: body.failureReason }),
    routesNotified: body.routesNotified ?? [],
    ...(body.performanceStatus !== undefined && { performanceStatus: body.performanceStatus }),
    followUpCount: body.followUps.length,
    ...(body.transferFeedback !== undefined && { transferFeedback: body.transferFeedback }),
  };
}

/** What the risk rules read, from a body; days open are counted in China from registration. */
export function disputeRiskFactsFrom(body: DisputeBody, now: Date): DisputeRiskFacts {
  // Age matters only while the case waits to be resolved: once mediated (or handed on) it no longer
  // "sits unresolved at grid level".
  const open = mediationLimitRuns(body.status);
  return {
    riskLevel: body.riskLevel,
    riskFlags: body.riskFlags ?? [],
    disputeType: body.disputeType,
    involvedCount: body.involvedCount,
    ...(body.involvedAmountYuan !== undefined && { involvedAmountYuan: body.involvedAmountYuan }),
    handlingLevel: body.handlingLevel,
    daysOpen: open ? daysBetween(localDayOf(new Date(body.registeredAt)), localDayOf(now)) : 0,
  };
}

export { disputeDueDay } from './due-dates';

/** The body fields a step writes before the workflow is asked. */
function patchFor(body: DisputeBody, action: DisputeAction, stamp: ActionStamp): Partial<DisputeBody> {
  switch (action.type) {
    case 'accept': {
      // Mediators are a child list merged by id: keep those already named, add the new ones.
      const known = new Set((body.mediators ?? []).map((m) => m.userId ?? m.name));
      const added = action.mediators.filter((m) => !known.has(m.userId ?? m.name));
      return {
        consentToMediate: action.consentToMediate,
        ...(action.mediationOrg?.trim() && { mediationOrg: action.mediationOrg.trim() }),
        mediators: [...(body.mediators ?? []), ...added],
      };
    }
    case 'notAccept':
      return {
        notAcceptedReason: action.reason,
        ...(action.routesNotified.length > 0 && { routesNotified: action.routesNotified }),
      };
    case 'startMediation':
      return { rightsNotifiedAt: action.rightsNotifiedAt };
    case 'recordSession':
      return { sessions: [...body.sessions, action.session] };
    case 'succeed':
      return {
        agreementType: action.agreementType,
        agreement: action.agreement,
        // Nothing is owed before the deadline; without one the parties perform at once.
        performanceStatus: action.agreement.performanceDeadline ? 'notDue' : 'performing',
      };
    case 'fail':
      return { failureReason: action.failureReason.trim(), routesNotified: action.routesNotified };
    case 'transfer':
      return { referredTo: action.referredTo };
    case 'startPerformance':
      return { performanceStatus: 'performing' };
    case 'followUp':
      return {
        followUps: [...body.followUps, action.followUp],
        performanceStatus: action.followUp.performance,
      };
    case 'feedback':
      return { transferFeedback: action.transferFeedback.trim() };
    case 'close':
      return { closedAt: stamp.now.toISOString() };
    case 'extend':
      return {
        extensions: [
          ...(body.extensions ?? []),
          { id: stamp.newId(), at: stamp.now.toISOString(), ...action.extension, partiesConsented: true },
        ],
      };
    case 'withdraw':
    case 'escalate':
    case 'terminate':
    case 'confirmReceipt':
      return {};
  }
}

function eventFor(action: DisputeAction): DisputeEvent | undefined {
  switch (action.type) {
    case 'recordSession':
    case 'feedback':
    case 'extend':
      return undefined;
    case 'notAccept':
      return { type: 'notAccept', reason: action.reason };
    case 'escalate':
      return { type: 'escalate', toLevel: action.toLevel };
    case 'transfer':
      return { type: 'transfer', referredTo: action.referredTo };
    default:
      return { type: action.type };
  }
}

function reasonOf(action: DisputeAction): string | undefined {
  switch (action.type) {
    case 'notAccept':
      return action.note;
    case 'fail':
      return action.failureReason;
    case 'withdraw':
    case 'escalate':
    case 'transfer':
    case 'terminate':
      return action.reason;
    case 'extend':
      return action.extension.reason;
    case 'feedback':
      return action.transferFeedback;
    default:
      return undefined;
  }
}

/** Which non-workflow steps a status offers: sessions while mediating, feedback while awaiting it. */
export function extraDisputeActions(body: DisputeBody): DisputeActionType[] {
  const extras: DisputeActionType[] = [];
  if (body.status === 'mediating') extras.push('recordSession');
  if (body.status === 'transferred' || body.status === 'awaitingFeedback') extras.push('feedback');
  // 延期 while the case is still being mediated (若干规定 第33条 one month, extended by consent).
  if (['accepted', 'mediating'].includes(body.status) && (body.extensions?.length ?? 0) < 5) {
    extras.push('extend');
  }
  return extras;
}

/**
 * `body` after `action`, or why the workflow refuses it. A 回访 that finds performance unsettled is
 * recorded without moving the status (the parties are urged to perform), and logged as such.
 */
export function applyDisputeAction(
  body: DisputeBody,
  action: DisputeAction,
  stamp: ActionStamp,
): DisputeActionResult {
  const candidate: DisputeBody = { ...body, ...patchFor(body, action, stamp) };
  const event = eventFor(action);
  if (event === undefined) {
    const noted = action.type as (typeof DISPUTE_NOTE_ACTIONS)[number];
    return {
      ok: true,
      body: {
        ...candidate,
        flowLogs: [...body.flowLogs, logEntry(body, noted, body, stamp, reasonOf(action))],
      },
    };
  }
  const result = transitionDispute(body.status, event, disputeContextFrom(candidate));
  const keepsStatus = !result.ok && action.type === 'followUp' && result.reason === 'performanceNotSettled';
  if (!result.ok && !keepsStatus) return result;
  const toStatus = result.ok ? result.state : body.status;
  const toLevel = result.ok ? result.handlingLevel : body.handlingLevel;
  const after = { status: toStatus, handlingLevel: toLevel };
  return {
    ok: true,
    body: {
      ...candidate,
      ...after,
      flowLogs: [...body.flowLogs, logEntry(body, event.type, after, stamp, reasonOf(action))],
    },
  };
}

function logEntry(
  before: Pick<DisputeBody, 'status' | 'handlingLevel'>,
  action: FlowLog['action'],
  after: Pick<DisputeBody, 'status' | 'handlingLevel'>,
  stamp: ActionStamp,
  reason: string | undefined,
): FlowLog {
  const note = reason?.trim();
  const name = stamp.userName?.trim().slice(0, 50);
  return {
    id: stamp.newId(),
    at: stamp.now.toISOString(),
    by: stamp.userId,
    ...(name && { byName: name }),
    action,
    fromStatus: before.status,
    toStatus: after.status,
    fromLevel: before.handlingLevel,
    toLevel: after.handlingLevel,
    ...(note && { reason: note.slice(0, 500) }),
  };
}
