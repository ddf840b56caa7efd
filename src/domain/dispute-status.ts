/**
 * What each dispute status means for deadlines, alerts and counts — defined once. The list's 逾期
 * filter, the map's halo, 今日待办, the risk rules and the figures all read this table, so they
 * cannot drift apart (they did: a settled case once showed 逾期 on the map and nothing in 今日待办).
 *
 *   intake / mediation ── the 30-day limit runs (受理 + 30 days + extensions: disputeDueDay)
 *   agreed             ── resolved (化解); the 回访 falls due after performance (followUpDueDay)
 *   handedOver         ── with another body (移交/上报): no limit of ours runs, still unresolved
 *   failed             ── mediation ended without agreement: unresolved, no limit runs
 *   ended              ── 不予受理, 终止, 结案: nothing more to do
 */
import type { DisputeStatus } from './dispute';
import { type DisputeDueFacts, daysLeft, disputeDueDay, followUpDueDay } from './due-dates';

export type DisputePhase = 'intake' | 'mediation' | 'agreed' | 'handedOver' | 'failed' | 'ended';

export const DISPUTE_STATUS_PHASE = {
  reported: 'intake',
  notAccepted: 'ended',
  accepted: 'mediation',
  mediating: 'mediation',
  success: 'agreed',
  performing: 'agreed',
  followedUp: 'agreed',
  failed: 'failed',
  terminated: 'ended',
  escalated: 'mediation',
  transferred: 'handedOver',
  awaitingFeedback: 'handedOver',
  closed: 'ended',
} as const satisfies Record<DisputeStatus, DisputePhase>;

/** The 30-day mediation limit runs: registered, accepted, in mediation, or escalated to us. */
export function mediationLimitRuns(status: DisputeStatus): boolean {
  const phase = DISPUTE_STATUS_PHASE[status];
  return phase === 'intake' || phase === 'mediation';
}

/** Registered or escalated to this level, and nobody has taken it yet (受理): a mediator's to accept. */
export function awaitsAcceptance(status: DisputeStatus): boolean {
  return status === 'reported' || status === 'escalated';
}

/** An agreement was reached (化解), whether or not it is performed and visited yet. */
export function isAgreed(status: DisputeStatus): boolean {
  return DISPUTE_STATUS_PHASE[status] === 'agreed';
}

/** Still waiting to be resolved: what alerts (risk halos) and "days open" count. */
export function isUnresolved(status: DisputeStatus): boolean {
  const phase = DISPUTE_STATUS_PHASE[status];
  return phase !== 'agreed' && phase !== 'ended';
}

/** The dispute fields its deadlines are read from. */
export type DisputeDeadlineFacts = DisputeDueFacts & {
  status: DisputeStatus;
  agreement?: { performanceDeadline?: string | undefined } | undefined;
  followUps: readonly unknown[];
};

/** The deadline that runs now, if any: the mediation limit, or the 回访 after performance. */
export type DisputeDeadline = { kind: 'mediation' | 'followUp'; dueDay: string };

export function disputeDeadline(body: DisputeDeadlineFacts, now: Date): DisputeDeadline | undefined {
  if (mediationLimitRuns(body.status)) return { kind: 'mediation', dueDay: disputeDueDay(body) };
  const performBy = body.agreement?.performanceDeadline;
  const visitWaits = body.status === 'success' || body.status === 'performing';
  // The visit checks how the agreement was performed, so it is due only once performance was.
  if (visitWaits && body.followUps.length === 0 && performBy !== undefined && daysLeft(performBy, now) <= 0) {
    return { kind: 'followUp', dueDay: followUpDueDay(performBy) };
  }
  return undefined;
}

/** 逾期: the deadline that runs now has passed (the day after it began in China). */
export function isDisputeOverdue(body: DisputeDeadlineFacts, now: Date): boolean {
  const deadline = disputeDeadline(body, now);
  return deadline !== undefined && daysLeft(deadline.dueDay, now) < 0;
}
