/**
 * The 上报事件 rules of a push, beside the generic ones of decide-mutation.ts: the server's state
 * machine decides every pushed change (event-change.ts re-takes each new step against what the
 * server holds), and the step clock is the server's (event-supervision.ts), stamped on every write.
 *
 *   delete? ──▶ only the reporter's own event nobody has acted on yet (nothing is lost from a flow)
 *   change ──checkEventChange(stored, pushed or merged)──▶ refused: `validation` on the current
 *            revision (the device sent a step the server never allowed), `conflict` after a merge
 *            (someone acted first; the device shows what happened and what is possible now)
 *   write ──▶ body.clock = the clock of the step it now waits on (none once finished), kept
 *            while the step is the same; the street's due cards are issued after the commit
 */
import { mayDeleteEvent, mayReport } from '../../domain/event-access';
import type { StreetSubcategory } from '../../domain/event-categories';
import { checkEventChange, type EventChangeCheck } from '../../domain/event-change';
import { type EventTimeLimits, stampedClock } from '../../domain/event-supervision';
import type { GridEventBody } from '../../domain/grid-event';
import type { MutationOp, SessionUser } from '../../domain/protocol';
import type { GridRecord, RecordOfKind } from '../../domain/record-envelope';

export interface EventPushContext {
  user: SessionUser;
  now: Date;
  op: MutationOp;
  /** The departments of the event's street. */
  departmentIds: ReadonlySet<string>;
  /** The sub-categories the event's street added. */
  subcategories: readonly StreetSubcategory[];
}

/** Whether the pushed (or merged) event may replace what the server holds. */
export function checkPushedEvent(
  existing: GridRecord | undefined,
  record: RecordOfKind<'gridEvent'>,
  context: EventPushContext,
): EventChangeCheck {
  const before = storedEventBody(existing);
  const actor = { id: context.user.id, role: context.user.role, departmentId: context.user.departmentId };
  if (before === undefined && !mayReport(actor.role))
    return {
      ok: false,
      path: 'reportedBy',
      reason: 'notYours',
      message: `The role ${actor.role} does not report events`,
    };
  if (context.op === 'delete') {
    const untouched = before !== undefined && mayDeleteEvent(before, actor.id);
    return untouched || before === undefined
      ? { ok: true }
      : {
          ok: false,
          path: 'flowLogs',
          reason: 'notYours',
          message: 'An event is deleted only by its reporter, before anyone has acted on it',
        };
  }
  return checkEventChange(before, record.body, actor, {
    now: context.now,
    departmentIds: context.departmentIds,
    subcategories: context.subcategories,
  });
}

/**
 * The event body as stored: its step clock the server's (event-supervision.ts `stampedClock`), for
 * the step it waits on now; `stored` is the body the server held before this write.
 */
export function withServerClock(
  stored: GridEventBody | undefined,
  body: GridEventBody,
  limits: EventTimeLimits,
): GridEventBody {
  const { clock: _, ...rest } = body;
  const clock = stampedClock(stored, body, limits);
  return clock ? { ...rest, clock } : rest;
}

/** The event body `existing` holds, if it is a live event. */
export function storedEventBody(existing: GridRecord | undefined): GridEventBody | undefined {
  return existing && !existing.deleted && existing.kind === 'gridEvent' ? existing.body : undefined;
}
