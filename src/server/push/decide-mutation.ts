/**
 * How the server decides each pushed mutation (a batch shares one transaction):
 *
 *   lock the client and the streets of the batch's records (apply-mutation.ts: pushes that may
 *     │  touch the same record, or come from one client, decide one at a time; a batch decides in
 *     │  order, each mutation seeing the records as the mutations before it in the batch left them)
 *   seen id? ──yes──▶ duplicate (the stored first result: applied or merged, same record)
 *     │no
 *   valid record? ──no──▶ rejected validation
 *   times a sane clock could make (device-clock.ts)? ──no──▶ rejected validation [fields]
 *   grids in scope? ──no──▶ rejected forbidden
 *   same kind? ──no──▶ rejected validation
 *   role may write it (pushed and stored facts, access-rules.ts), or review it (an upsert of a
 *     supervisor on a worker's patrol log or inspection, review-push.ts)? ──no──▶ rejected forbidden
 *   on the server? ──no──▶ baseRev = 0 ? create ──▶ applied : rejected not_found
 *     │yes
 *   tombstone? ──yes──▶ delete ──▶ applied (nothing to write: it is deleted already)
 *     │no              upsert, baseRev = rev ──▶ restore ──▶ applied
 *     │                upsert, stale baseRev ──▶ conflict [deleted] (never a resurrection)
 *   rev = baseRev? ──yes──▶ write ──▶ applied
 *     │no
 *   delete? ──yes──▶ conflict [deleted]
 *     │no
 *   revision baseRev kept? ──no──▶ conflict [fields that differ from the server's]
 *     │yes
 *   threeWayMerge(revision baseRev, pushed, server) ──conflicts──▶ conflict [colliding fields]
 *     │ok
 *   merged record valid? ──no──▶ conflict [fields the schema refused]
 *     │yes
 *   write ──▶ merged (the merged record)
 *
 *   before each write: the kind's own rules (event-push.ts, review-push.ts) ──refused──▶
 *     rejected on the current revision, conflict [the field] after a merge
 *   write = rev+1, next change_seq of its street, revision row, photo references with their proof, audit row
 *   (before/after), stored first result, acked seq; a delete also erases the personal data of the
 *   record, its kept revisions and its stored results. A conflict writes nothing and is not stored: a retry decides again.
 *
 * This module is that diagram and nothing else: pure, over a `BatchView` of what the server holds
 * (push-batch.ts reads it for a whole batch at once, keeps it up to date as the batch decides, and
 * writes what was decided with a few multi-row statements).
 */
import * as z from 'zod/mini';
import { canWrite, recordFacts } from '../../domain/access-rules';
import { deviceClockIssues } from '../../domain/device-clock';
import type { StreetSubcategory } from '../../domain/event-categories';
import type { EventTimeLimits } from '../../domain/event-supervision';
import { differingFields, threeWayMerge } from '../../domain/merge';
import { withoutPersonalData } from '../../domain/personal-fields';
import type { ErrorBody, MutationOp, MutationResult, SessionUser } from '../../domain/protocol';
import { toIssues } from '../../domain/protocol';
import { type GridRecord, recordSchema } from '../../domain/record-envelope';
import { upcastRecord } from '../../domain/record-upcast';
import type { AuditAction } from '../db/audit-log.repository';
import type { StoredMutation } from '../db/mutations.repository';
import { checkPushedEvent, storedEventBody, withServerClock } from './event-push';
import { checkPushedReview, mayPushReview } from './review-push';

export interface PushedMutation {
  id: string;
  seq: number;
  op: MutationOp;
  baseRev: number;
  record: Record<string, unknown>;
  madeOffline?: boolean | undefined;
}

export interface Pusher {
  user: SessionUser;
  clientId: string;
  now: Date;
}

/** A mutation with its record upcast and validated (pure, so it can run before the lock is taken). */
export type ParsedMutation =
  | { mutation: PushedMutation; record: GridRecord }
  | { mutation: PushedMutation; invalid: MutationResult };

/** What the server holds, as the mutations decided before this one left it. */
export interface BatchView {
  seen(mutationId: string): StoredMutation | undefined;
  /** The departments of the grid's street (交办 goes to one of them). */
  departmentIds(gridId: string): ReadonlySet<string>;
  /** The 上报事件 sub-categories the grid's street added. */
  eventSubcategories(gridId: string): readonly StreetSubcategory[];
  /** The 上报事件 time limits in force in the grid's street for a level-one category. */
  eventTimeLimits(gridId: string, categoryL1: string): EventTimeLimits;
  record(id: string): GridRecord | undefined;
  /** The kept revision `rev` of record `id`, if the server kept it. */
  revision(id: string, rev: number): GridRecord | undefined;
}

export type Decision =
  /** Nothing is written: a duplicate, a rejection or a conflict. */
  | { kind: 'answer'; result: MutationResult }
  /** A delete of a tombstone: its result is stored, no new revision. */
  | { kind: 'remember'; record: GridRecord }
  /** `record` is stored as the next revision of `existing`. */
  | {
      kind: 'write';
      status: 'applied' | 'merged';
      action: AuditAction;
      record: GridRecord;
      existing: GridRecord | undefined;
    };

// A phone that has not updated yet still sends old bodies: upcast, then validate as today's.
export function parseMutation(mutation: PushedMutation): ParsedMutation {
  const parsed = z.safeParse(recordSchema, upcastRecord(mutation.record));
  if (parsed.success) return { mutation, record: parsed.data };
  const issues = toIssues(parsed.error.issues);
  return { mutation, invalid: rejected(mutation, 'validation', 'The record is invalid', issues) };
}

export function decideMutation(pusher: Pusher, parsed: ParsedMutation, view: BatchView): Decision {
  const { mutation } = parsed;
  const seen = view.seen(mutation.id);
  if (seen) {
    // Mutation ids are device-made uuids; replaying another user's id must not reveal its result.
    if (seen.userId !== pusher.user.id)
      return answer(rejected(mutation, 'forbidden', 'This mutation id was already used'));
    return answer({ ...seen.result, status: 'duplicate' });
  }

  if ('invalid' in parsed) return answer(parsed.invalid);
  const { record } = parsed;
  const existing = view.record(record.id);
  // After the schema, so a clock error is only reported on a record that is otherwise valid.
  const clock = deviceClockIssues(record, pusher.now, existing === undefined);
  if (clock.length > 0)
    return answer(rejected(mutation, 'validation', 'The device clock looks wrong', clock));

  const scope = new Set(pusher.user.scope.gridIds);
  if (!scope.has(record.gridId) || (existing && !scope.has(existing.gridId))) {
    return answer(rejected(mutation, 'forbidden', `Grid ${record.gridId} is outside your scope`));
  }
  if (existing && existing.kind !== record.kind) {
    return answer(
      rejected(mutation, 'validation', `Record ${record.id} is a ${existing.kind}; its kind cannot change`, [
        { path: 'kind', message: `Expected ${existing.kind}` },
      ]),
    );
  }
  // Both versions: a role must not write a record out of its reach, nor into it. A supervisor
  // who may not edit a worker's record may still push it as a review (review-push.ts).
  const role = pusher.user.role;
  const mayWrite =
    canWrite(role, record.kind, recordFacts(record), pusher.user) &&
    (!existing || canWrite(role, existing.kind, recordFacts(existing), pusher.user));
  if (!mayWrite && (mutation.op === 'delete' || !mayPushReview(role, pusher.user, record, existing))) {
    return answer(
      rejected(mutation, 'forbidden', `The role ${role} may not write this ${record.kind} record`),
    );
  }

  if (!existing) {
    if (mutation.baseRev > 0) {
      return answer(rejected(mutation, 'not_found', `Record ${record.id} does not exist on the server`));
    }
    return decided(pusher, mutation, record, undefined, 'applied', view);
  }
  if (existing.deleted) {
    // Both want it gone, whatever rev the device saw: acknowledge without a new revision.
    if (mutation.op === 'delete') return { kind: 'remember', record: existing };
    if (existing.rev === mutation.baseRev)
      return decided(pusher, mutation, record, existing, 'applied', view);
    return conflict(mutation, existing, ['deleted']);
  }
  if (existing.rev === mutation.baseRev) return decided(pusher, mutation, record, existing, 'applied', view);
  if (mutation.op === 'delete') return conflict(mutation, existing, ['deleted']);

  const base = mutation.baseRev > 0 ? view.revision(record.id, mutation.baseRev) : undefined;
  if (!base) return conflict(mutation, existing, differingFields(record, existing));
  const merge = threeWayMerge(base, record, existing);
  if (!merge.ok) return conflict(mutation, existing, merge.conflicts);
  // Each side was valid alone; together they can break a rule across fields (a failed checklist
  // item under "no hazard"), which is a conflict the user resolves, not a record to store.
  const merged = z.safeParse(recordSchema, merge.merged);
  if (!merged.success) {
    const paths = toIssues(merged.error.issues).map((issue) => issue.path);
    return conflict(mutation, existing, [...new Set(paths)]);
  }
  return decided(pusher, mutation, merged.data, existing, 'merged', view);
}

/**
 * A record the generic rules let through, after its kind's own (event-push.ts for 上报事件): refused
 * on the current revision, a conflict after a merge; else written.
 */
function decided(
  pusher: Pusher,
  mutation: PushedMutation,
  record: GridRecord,
  existing: GridRecord | undefined,
  status: 'applied' | 'merged',
  view: BatchView,
): Decision {
  if (record.kind !== 'gridEvent') {
    const review = checkPushedReview(existing, record, pusher.user.role, pusher.user);
    if (review.ok) return write(pusher, mutation, record, existing, status);
    const path = `body.${review.path}`;
    if (status === 'merged' && existing) return conflict(mutation, existing, [path]);
    const code =
      review.reason === 'commentRequired' || review.reason === 'reviewLogs' ? 'validation' : 'forbidden';
    return answer(rejected(mutation, code, review.message, [{ path, message: review.message }]));
  }
  const check = checkPushedEvent(existing, record, {
    user: pusher.user,
    now: pusher.now,
    op: mutation.op,
    departmentIds: view.departmentIds(record.gridId),
    subcategories: view.eventSubcategories(record.gridId),
  });
  if (!check.ok) {
    const path = `body.${check.path}`;
    if (status === 'merged' && existing) return conflict(mutation, existing, [path]);
    const code = check.reason === 'notYours' ? 'forbidden' : 'validation';
    return answer(rejected(mutation, code, check.message, [{ path, message: check.message }]));
  }
  const limits = view.eventTimeLimits(record.gridId, record.body.categoryL1);
  const body = withServerClock(storedEventBody(existing), record.body, limits);
  return write(pusher, mutation, { ...record, body }, existing, status);
}

/** `record` as the next revision of `existing`, stamped by the server. */
function write(
  pusher: Pusher,
  mutation: PushedMutation,
  record: GridRecord,
  existing: GridRecord | undefined,
  status: 'applied' | 'merged',
): Decision {
  const next: GridRecord = {
    ...record,
    rev: (existing?.rev ?? 0) + 1,
    createdAt: existing?.createdAt ?? record.createdAt,
    createdBy: existing?.createdBy ?? pusher.user.id,
    updatedBy: pusher.user.id,
    deleted: mutation.op === 'delete',
  };
  // A tombstone keeps no personal data (personal-fields.ts): not in the record, nor in the
  // revisions kept of it, nor in the stored results a replay would answer. The audit log keeps
  // the history as it was.
  const stored = next.deleted ? withoutPersonalData(next) : next;
  return {
    kind: 'write',
    status,
    action: auditAction(mutation.op, existing, status),
    record: stored,
    existing,
  };
}

function auditAction(
  op: MutationOp,
  existing: GridRecord | undefined,
  status: 'applied' | 'merged',
): AuditAction {
  if (op === 'delete') return 'delete';
  if (!existing) return 'create';
  if (existing.deleted) return 'restore';
  return status === 'merged' ? 'merge' : 'update';
}

function answer(result: MutationResult): Decision {
  return { kind: 'answer', result };
}

/** Nothing applied; the device gets the server's record and what collided, to show the user. */
function conflict(mutation: PushedMutation, existing: GridRecord, conflicts: string[]): Decision {
  return answer({ id: mutation.id, status: 'conflict', rev: existing.rev, record: existing, conflicts });
}

function rejected(
  mutation: PushedMutation,
  code: ErrorBody['code'],
  message: string,
  issues?: ErrorBody['issues'],
): MutationResult {
  const error: ErrorBody = issues ? { code, message, issues } : { code, message };
  return { id: mutation.id, status: 'rejected', error };
}
