/** Server tests take 上报事件 steps as the app saves them: with event-steps.ts, as a signed-in user. */
import { randomUUID } from 'node:crypto';
import { type EventStep, takeEventStep } from '../../src/domain/event-steps';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridEventRecord } from '../../src/domain/record-envelope';

/** The departments of 大厂街道 in the demo data: where its events may be dispatched. */
export const DACHANG_DEPARTMENTS: ReadonlySet<string> = new Set([
  'dachang-zhifa',
  'dachang-police',
  'dachang-chengguan',
  'dachang-fire',
  'dachang-hubin-wuye',
]);

/** The event after `who` takes `event` on it at `now`; throws if the domain refuses it. */
export function stepped(
  record: GridEventRecord,
  who: LoginResponse,
  event: GridEventEvent,
  now: Date,
  departmentIds: ReadonlySet<string> = DACHANG_DEPARTMENTS,
): GridEventRecord {
  const actor = { id: who.user.id, role: who.user.role, departmentId: who.user.departmentId };
  const step: EventStep = { event, logId: randomUUID(), at: now.toISOString(), byName: who.user.name };
  const result = takeEventStep(record.body, actor, step, { now, departmentIds });
  if (!result.ok) throw new Error(`${who.user.name} ${event.type}: ${result.reason}`);
  return { ...record, body: result.body, updatedAt: step.at, updatedBy: who.user.id };
}
