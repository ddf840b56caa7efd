/**
 * Hazard 隐患 workflow (DOMAIN.md §1.4), as a transition table plus guards. The table says which
 * events a state accepts; the guards say whether this event, with this data, may happen now.
 *
 *   open 待整改
 *     ├─ fixOnSite (≥1 photo) ──→ fixedOnSite 当场整改 ──────────────────── close ─→ closed 已销号
 *     ├─ setDeadline (day ≥ today) ─→ rectifying 限期整改中
 *     │     ├─ reportFixed ─→ reportedFixed 已整改待复查 ─┐
 *     │     ├─ recheck (once the deadline day is reached) ─┤
 *     │     │                      recheck passed ─────────┴─→ recheckPassed 复查通过 ─ close ─→ closed
 *     │     │                      recheck failed ──────────→ recheckFailed 复查未通过
 *     │     │                                                   ├─ setDeadline (later than the old one) ─→ rectifying
 *     │     │                                                   └─ refer ─→ referred
 *     │     └─ refer (only when overdue: 逾期移交) ─→ referred
 *     └─ refer ─→ referred 已移交 ─ deptFeedback (note) ─→ deptFeedback 部门反馈 ─ close ─→ closed
 *
 *   overdue 逾期: derived, never stored (hazard-status.ts: the clock that runs in each status).
 *
 * The result is the next status only; the record layer stores the event's data (deadline, recheck,
 * referral) next to it.
 */
import { isPastDue, isValidDay, localDayOf } from './due-dates';

/** Hazard.status (DOMAIN.md §5, plus deptFeedback from the §1.4 diagram). */
export const HAZARD_STATUSES = [
  'open',
  'fixedOnSite',
  'rectifying',
  'reportedFixed',
  'recheckPassed',
  'recheckFailed',
  'referred',
  'deptFeedback',
  'closed',
] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** 隐患等级 of a hazard: 一般隐患 / 重大隐患 (preliminary: 重大火灾隐患 is for 消防救援机构 to determine). */
export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** 联合单位 / 移交单位 (DOMAIN.md §1.2 jointUnits). */
export const JOINT_UNITS = [
  'fireRescue',
  'police',
  'property',
  'lawEnforcement',
  'housing',
  'marketSupervision',
] as const;
export type JointUnit = (typeof JOINT_UNITS)[number];

export const RECHECK_RESULTS = ['passed', 'failed'] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];

export const HAZARD_EVENT_TYPES = [
  'fixOnSite',
  'setDeadline',
  'refer',
  'reportFixed',
  'recheck',
  'deptFeedback',
  'close',
] as const;
export type HazardEventType = (typeof HAZARD_EVENT_TYPES)[number];

/** What someone did to a hazard. Days are `YYYY-MM-DD` in China; `at` is an ISO date-time. */
export type HazardEvent =
  | { type: 'fixOnSite'; photoIds: readonly string[] }
  | { type: 'setDeadline'; deadline: string }
  | { type: 'refer'; referredTo: JointUnit }
  | { type: 'reportFixed' }
  | { type: 'recheck'; result: RecheckResult; at: string; by: string }
  | { type: 'deptFeedback'; note: string }
  | { type: 'close' };

/** What the guards read besides the event: the clock and the hazard's current deadline. */
export type HazardContext = { now: Date; deadline?: string };

/** Why a transition was refused: stable codes, the app maps them to Chinese. */
export const HAZARD_REFUSALS = [
  'notAllowed',
  'photoRequired',
  'deadlineInvalid',
  'deadlineInPast',
  'deadlineNotLater',
  'notOverdue',
  'deadlineNotReached',
  'recheckerRequired',
  'recheckTimeInvalid',
  'recheckInFuture',
  'feedbackRequired',
] as const;
export type HazardRefusal = (typeof HAZARD_REFUSALS)[number];

export type HazardTransition = { ok: true; state: HazardStatus } | { ok: false; reason: HazardRefusal };

/** Marks the one event whose target depends on its data: a recheck passes or fails. */
const BY_RECHECK_RESULT = 'byRecheckResult';

/** Which events each status accepts, and where they lead. Anything absent is refused as notAllowed. */
export const HAZARD_TRANSITIONS = {
  open: { fixOnSite: 'fixedOnSite', setDeadline: 'rectifying', refer: 'referred' },
  fixedOnSite: { close: 'closed' },
  rectifying: { reportFixed: 'reportedFixed', recheck: BY_RECHECK_RESULT, refer: 'referred' },
  reportedFixed: { recheck: BY_RECHECK_RESULT },
  recheckPassed: { close: 'closed' },
  recheckFailed: { setDeadline: 'rectifying', refer: 'referred' },
  referred: { deptFeedback: 'deptFeedback' },
  deptFeedback: { close: 'closed' },
  closed: {},
} as const satisfies Record<
  HazardStatus,
  Partial<Record<HazardEventType, HazardStatus | typeof BY_RECHECK_RESULT>>
>;

/** Events the status accepts at all (guards may still refuse them). */
export function allowedHazardEvents(state: HazardStatus): HazardEventType[] {
  return HAZARD_EVENT_TYPES.filter((type) => Object.hasOwn(HAZARD_TRANSITIONS[state], type));
}

/** The next status of a hazard after `event`, or why it cannot happen. */
export function transitionHazard(
  state: HazardStatus,
  event: HazardEvent,
  context: HazardContext,
): HazardTransition {
  const targets: Partial<Record<HazardEventType, string>> = HAZARD_TRANSITIONS[state];
  const target = targets[event.type];
  if (target === undefined) return { ok: false, reason: 'notAllowed' };
  const refusal = guard(state, event, context);
  if (refusal) return { ok: false, reason: refusal };
  if (event.type === 'recheck') {
    return { ok: true, state: event.result === 'passed' ? 'recheckPassed' : 'recheckFailed' };
  }
  return { ok: true, state: target as HazardStatus };
}

function guard(state: HazardStatus, event: HazardEvent, context: HazardContext): HazardRefusal | undefined {
  const today = localDayOf(context.now);
  switch (event.type) {
    case 'fixOnSite':
      // 当场整改 is closed on the photo alone, with no recheck: the photo is the only evidence.
      return event.photoIds.length === 0 ? 'photoRequired' : undefined;
    case 'setDeadline':
      if (!isValidDay(event.deadline)) return 'deadlineInvalid';
      if (event.deadline < today) return 'deadlineInPast';
      // After a failed recheck the landlord gets a new, later deadline, not the same one again.
      if (state === 'recheckFailed' && context.deadline !== undefined && event.deadline <= context.deadline)
        return 'deadlineNotLater';
      return undefined;
    case 'refer':
      // 逾期移交 [S9]: a hazard under rectification is handed over only once its deadline has passed.
      if (
        state === 'rectifying' &&
        (context.deadline === undefined || !isPastDue(context.deadline, context.now))
      )
        return 'notOverdue';
      return undefined;
    case 'recheck': {
      if (event.by.trim() === '') return 'recheckerRequired';
      const at = Date.parse(event.at);
      if (Number.isNaN(at)) return 'recheckTimeInvalid';
      if (at > context.now.getTime()) return 'recheckInFuture';
      // Without a report of the fix, the inspector comes back on or after the deadline day [S17].
      if (state === 'rectifying' && (context.deadline === undefined || today < context.deadline))
        return 'deadlineNotReached';
      return undefined;
    }
    case 'deptFeedback':
      return event.note.trim() === '' ? 'feedbackRequired' : undefined;
    case 'reportFixed':
    case 'close':
      return undefined;
  }
}
