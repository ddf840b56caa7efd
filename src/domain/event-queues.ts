/**
 * Each user's 上报事件 queues (issue 12 §4): the events waiting for THEIR action, by the step they
 * wait on — 待受理, 待派遣, 待处置, 待核查 — overdue first. What waits for whom is event-access.ts's
 * table (through eventActionsFor), never a role list of its own, so the queue and the steps the
 * detail screen offers can only agree. Pure and free of zod: the home screen reads it.
 */
import { type EventActor, eventActionsFor } from './event-access';
import { isEventOverdue } from './event-status';
import type { GridEventEventType } from './event-workflow';
import type { GridEventRecord } from './record-envelope';

export const EVENT_QUEUES = ['accept', 'dispatch', 'handle', 'verify'] as const;
export type EventQueue = (typeof EVENT_QUEUES)[number];

/** The step that puts an event in a queue. */
const QUEUE_STEPS: Readonly<Record<EventQueue, readonly GridEventEventType[]>> = {
  accept: ['accept'],
  dispatch: ['assign'],
  handle: ['process', 'complete'],
  verify: ['verify', 'close'],
};

export interface QueuedEvent {
  queue: EventQueue;
  recordId: string;
  overdue: boolean;
  reportedAt: string;
}

/** The queue `record` is in for `actor`, if it waits for them. */
export function queueOf(record: GridEventRecord, actor: EventActor): EventQueue | undefined {
  if (record.deleted) return undefined;
  const actions = eventActionsFor(actor, record.body);
  return EVENT_QUEUES.find((queue) => QUEUE_STEPS[queue].some((step) => actions.includes(step)));
}

/** The events waiting for `actor`, overdue first, then the longest waiting. */
export function eventQueue(records: readonly GridEventRecord[], actor: EventActor, now: Date): QueuedEvent[] {
  const queued: QueuedEvent[] = [];
  for (const record of records) {
    const queue = queueOf(record, actor);
    if (queue)
      queued.push({
        queue,
        recordId: record.id,
        overdue: isEventOverdue(record.body, now),
        reportedAt: record.body.reportedAt,
      });
  }
  return queued.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.reportedAt.localeCompare(b.reportedAt) ||
      a.recordId.localeCompare(b.recordId),
  );
}

/** How many wait in each queue. */
export function queueCounts(queued: readonly QueuedEvent[]): Record<EventQueue, number> {
  const counts = { accept: 0, dispatch: 0, handle: 0, verify: 0 };
  for (const item of queued) counts[item.queue] += 1;
  return counts;
}
