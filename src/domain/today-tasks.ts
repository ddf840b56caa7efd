/**
 * 今日待办: what a grid worker must act on soon, derived from the records on the device (nothing is
 * stored). Every due day is a calendar day in China (due-dates.ts), so "today" turns at 00:00 +08:00
 * whatever the phone's time zone.
 *
 *   hazard whose rectification deadline runs (hazard-status.ts: rectifying, recheckFailed)
 *     deadline passed ─────────────────→ hazardOverdue   (逾期; due = the deadline)
 *     deadline within HAZARD_NEAR_DAYS ─→ hazardDue       (整改期限将到)
 *   hazard reportedFixed with a deadline → recheckDue     (due = deadline + 3 working days)
 *   dispute whose mediation limit runs (dispute-status.ts: reported, accepted, mediating, escalated)
 *     30-day limit passed ─────────────→ disputeOverdue
 *     within DISPUTE_NEAR_DAYS ────────→ disputeDueSoon
 *   dispute agreed with no follow-up, once the performance deadline has come
 *                                      → followUpDue     (due = performance deadline + 7 days)
 *   上报事件 whose step clock (server-synced, event-supervision.ts) earned a card
 *                                      → eventOverdue    (due = the yellow limit's last day)
 *     past 70% of its yellow limit ───→ eventDueSoon
 *   dispute registered or escalated, nobody has taken it yet (dispute-status.ts awaitsAcceptance)
 *                                      → disputeToAccept (for those who accept cases: access-rules
 *                                        acceptsDisputes; it stands in for disputeDueSoon there)
 *   patrol log or inspection 退回 by a supervisor (review-state.ts), for its author
 *                                      → reviewReturned (due = the day it was sent back)
 *
 * Each deadline and what 逾期 means is defined once, in hazard-status.ts and dispute-status.ts; the
 * list, the map and this panel all read them. Each kind turns its deadlines into tasks (kinds/).
 *
 * A rectifying hazard past its deadline is shown as overdue rather than as a recheck: the inspector
 * goes back either way, and 逾期 is what decides the next step (逾期移交).
 */
import { acceptsDisputes } from './access-rules';
import { isAgreed } from './dispute-status';
import { localDayOf } from './due-dates';
import type { EventActor } from './event-access';
import { queueOf } from './event-queues';
import { rulesOf } from './kinds/index';
import type { DisputeRecord, GridRecord } from './record-envelope';

/** A hazard deadline this many days away or fewer (today = 0) counts as near. */
export const HAZARD_NEAR_DAYS = 2;
/** A dispute this many days or fewer before its 30-day mediation limit counts as near. */
export const DISPUTE_NEAR_DAYS = 5;

export const TODAY_TASK_KINDS = [
  'eventOverdue',
  'hazardOverdue',
  'disputeOverdue',
  'recheckDue',
  'followUpDue',
  'hazardDue',
  'disputeDueSoon',
  'eventDueSoon',
  'disputeToAccept',
  'reviewReturned',
] as const;
export type TodayTaskKind = (typeof TODAY_TASK_KINDS)[number];

export interface TodayTask {
  kind: TodayTaskKind;
  recordId: string;
  /** The hazard inside an inspection, for hazard and recheck tasks. */
  hazardId?: string;
  /** `YYYY-MM-DD` in China. */
  dueDay: string;
  /** 0 = due today, negative = that many days overdue (an event's: working days, on its step clock). */
  daysLeft: number;
}

export interface TodayTaskOptions {
  hazardNearDays?: number;
  disputeNearDays?: number;
  /**
   * Whose 今日待办: an event's clock is theirs only while the event waits for their step
   * (event-queues.ts); without an actor every event's clock counts.
   */
  actor?: EventActor;
}
export type NearDays = Required<Omit<TodayTaskOptions, 'actor'>>;

/** Most urgent first: fewest days left, then overdue kinds before the others, then by record. */
function byUrgency(a: TodayTask, b: TodayTask): number {
  return (
    a.daysLeft - b.daysLeft ||
    TODAY_TASK_KINDS.indexOf(a.kind) - TODAY_TASK_KINDS.indexOf(b.kind) ||
    a.recordId.localeCompare(b.recordId) ||
    (a.hazardId ?? '').localeCompare(b.hazardId ?? '')
  );
}

/** The 今日待办 of `records` at `now`, most urgent first. Deleted and closed records give none. */
export function todayTasks(
  records: readonly GridRecord[],
  now: Date,
  options: TodayTaskOptions = {},
): TodayTask[] {
  const near: NearDays = {
    hazardNearDays: options.hazardNearDays ?? HAZARD_NEAR_DAYS,
    disputeNearDays: options.disputeNearDays ?? DISPUTE_NEAR_DAYS,
  };
  const tasks: TodayTask[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    if (record.kind === 'gridEvent' && options.actor && !queueOf(record, options.actor)) continue;
    const mine = !options.actor || record.createdBy === options.actor.id;
    const accepting = options.actor !== undefined && acceptsDisputes(options.actor.role);
    const own = rulesOf(record).todayTasks(record.body, record.id, now, near);
    const toAccept = accepting && own.some((task) => task.kind === 'disputeToAccept');
    for (const task of own) {
      // A returned record is its author's to fix, not the supervisor's who sent it back.
      if (task.kind === 'reviewReturned' && !mine) continue;
      // A case to take is the mediator's; theirs says its days left, so the limit is not said twice.
      if (task.kind === 'disputeToAccept' ? !accepting : task.kind === 'disputeDueSoon' && toAccept) continue;
      tasks.push(task);
    }
  }
  return tasks.sort(byUrgency);
}

/** How loudly to show a task: red once overdue, amber while near, plain for a visit a week away. */
export function taskUrgency(task: TodayTask, options: TodayTaskOptions = {}): 'overdue' | 'near' | 'later' {
  if (task.daysLeft < 0 || task.kind === 'eventOverdue') return 'overdue';
  // The server's clock says when an event's step nears its limit (70%, event-supervision.ts).
  if (task.kind === 'eventDueSoon' || task.kind === 'reviewReturned' || task.kind === 'disputeToAccept')
    return 'near';
  const near =
    task.kind === 'hazardDue' || task.kind === 'recheckDue'
      ? (options.hazardNearDays ?? HAZARD_NEAR_DAYS)
      : (options.disputeNearDays ?? DISPUTE_NEAR_DAYS);
  return task.daysLeft <= near ? 'near' : 'later';
}

/** When and at which level a dispute reached its agreement, if it did. */
function resolution(record: DisputeRecord): { at: string; level: string } | undefined {
  const body = record.body;
  const agreed = isAgreed(body.status) || (body.status === 'closed' && body.agreement !== undefined);
  if (!agreed) return undefined;
  const success = body.flowLogs.find((log) => log.toStatus === 'success');
  if (!success) return { at: body.registeredAt, level: body.handlingLevel };
  return { at: success.at, level: success.toLevel ?? success.fromLevel ?? body.handlingLevel };
}

/** 小事不出网格: disputes resolved by agreement at grid level during the current month in China. */
export function resolvedInGridThisMonth(records: readonly GridRecord[], now: Date): number {
  const month = localDayOf(now).slice(0, 7);
  let count = 0;
  for (const record of records) {
    if (record.deleted || record.kind !== 'dispute') continue;
    const resolved = resolution(record);
    if (resolved?.level === 'grid' && localDayOf(new Date(resolved.at)).slice(0, 7) === month) count += 1;
  }
  return count;
}
