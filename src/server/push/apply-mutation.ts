/**
 * How the server decides each pushed mutation (a batch shares one transaction):
 *
 *   lock the change counter (pushes decide one at a time)
 *     │
 *   seen id? ──yes──▶ duplicate (the stored first result: applied or merged, same record)
 *     │no
 *   valid record? ──no──▶ rejected validation
 *   times a sane clock could make (device-clock.ts)? ──no──▶ rejected validation [fields]
 *   grids in scope? ──no──▶ rejected forbidden
 *   same kind? ──no──▶ rejected validation
 *   role may write it (pushed and stored facts, access-rules.ts)? ──no──▶ rejected forbidden
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
 *   write = rev+1, next change_seq, revision row, photo references with their proof, audit row
 *   (before/after), stored first result, acked seq; a delete also erases the personal data of the
 *   record, its kept revisions and its stored results. A conflict writes nothing and is not stored: a retry decides again.
 */
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { canWrite, recordFacts } from '../../domain/access-rules';
import { deviceClockIssues } from '../../domain/device-clock';
import { differingFields, threeWayMerge } from '../../domain/merge';
import { withoutPersonalData } from '../../domain/personal-fields';
import type { ErrorBody, MutationOp, MutationResult, SessionUser } from '../../domain/protocol';
import { toIssues } from '../../domain/protocol';
import { type GridRecord, recordSchema } from '../../domain/record-envelope';
import { upcastRecord } from '../../domain/record-upcast';
import { type AuditAction, insertAuditEntry } from '../db/audit-log.repository';
import { raiseAckedSeq } from '../db/clients.repository';
import { lockChangeCounter, takeChangeSeqs } from '../db/counters.repository';
import { findMutation, insertMutation, rewriteStoredResults } from '../db/mutations.repository';
import {
  findRecord,
  findRevision,
  insertRecords,
  replaceRecord,
  rewriteRevisions,
} from '../db/records.repository';
import type { Database } from '../db/schema';
import { trackPhotoRefs } from '../photos/photo-access';

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

/**
 * Decides and applies a batch in ONE transaction (a commit per batch, not per mutation, is what
 * makes a 500-mutation push fast). If anything unexpected throws, the batch rolls back whole and
 * each mutation is tried in its own transaction, so one bad mutation cannot block the others.
 */
export async function applyMutations(
  db: Kysely<Database>,
  pusher: Pusher,
  mutations: readonly PushedMutation[],
): Promise<MutationResult[]> {
  try {
    return await inPushTransaction(db, async (trx) => {
      const results: MutationResult[] = [];
      for (const mutation of mutations) results.push(await decide(trx, pusher, mutation));
      return results;
    });
  } catch {
    const results: MutationResult[] = [];
    for (const mutation of mutations) {
      results.push(await inPushTransaction(db, (trx) => decide(trx, pusher, mutation)));
    }
    return results;
  }
}

function inPushTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockChangeCounter(trx);
    return work(trx);
  });
}

async function decide(
  trx: Kysely<Database>,
  pusher: Pusher,
  mutation: PushedMutation,
): Promise<MutationResult> {
  const seen = await findMutation(trx, mutation.id);
  if (seen) {
    // Mutation ids are device-made uuids; replaying another user's id must not reveal its result.
    if (seen.userId !== pusher.user.id)
      return rejected(mutation, 'forbidden', 'This mutation id was already used');
    return { ...seen.result, status: 'duplicate' };
  }

  // A phone that has not updated yet still sends old bodies: upcast, then validate as today's.
  const parsed = z.safeParse(recordSchema, upcastRecord(mutation.record));
  if (!parsed.success) {
    return rejected(mutation, 'validation', 'The record is invalid', toIssues(parsed.error.issues));
  }
  const record = parsed.data;
  const existing = await findRecord(trx, record.id);
  // After the schema, so a clock error is only reported on a record that is otherwise valid.
  const clock = deviceClockIssues(record, pusher.now, existing === undefined);
  if (clock.length > 0) return rejected(mutation, 'validation', 'The device clock looks wrong', clock);

  const scope = new Set(pusher.user.scope.gridIds);
  if (!scope.has(record.gridId) || (existing && !scope.has(existing.gridId))) {
    return rejected(mutation, 'forbidden', `Grid ${record.gridId} is outside your scope`);
  }
  if (existing && existing.kind !== record.kind) {
    return rejected(
      mutation,
      'validation',
      `Record ${record.id} is a ${existing.kind}; its kind cannot change`,
      [{ path: 'kind', message: `Expected ${existing.kind}` }],
    );
  }
  // Both versions: a role must not write a record out of its reach, nor into it.
  const role = pusher.user.role;
  if (
    !canWrite(role, record.kind, recordFacts(record), pusher.user.id) ||
    (existing && !canWrite(role, existing.kind, recordFacts(existing), pusher.user.id))
  ) {
    return rejected(mutation, 'forbidden', `The role ${role} may not write this ${record.kind} record`);
  }

  if (!existing) {
    if (mutation.baseRev > 0) {
      return rejected(mutation, 'not_found', `Record ${record.id} does not exist on the server`);
    }
    return write(trx, pusher, mutation, record, undefined, 'applied');
  }
  if (existing.deleted) {
    // Both want it gone, whatever rev the device saw: acknowledge without a new revision.
    if (mutation.op === 'delete') return remember(trx, pusher, mutation, 'applied', existing);
    if (existing.rev === mutation.baseRev) return write(trx, pusher, mutation, record, existing, 'applied');
    return conflict(mutation, existing, ['deleted']);
  }
  if (existing.rev === mutation.baseRev) return write(trx, pusher, mutation, record, existing, 'applied');
  if (mutation.op === 'delete') return conflict(mutation, existing, ['deleted']);

  const base = mutation.baseRev > 0 ? await findRevision(trx, record.id, mutation.baseRev) : undefined;
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
  return write(trx, pusher, mutation, merged.data, existing, 'merged');
}

/** Stores `record` as the next revision, audits it and remembers the result for replays. */
async function write(
  trx: Kysely<Database>,
  pusher: Pusher,
  mutation: PushedMutation,
  record: GridRecord,
  existing: GridRecord | undefined,
  status: 'applied' | 'merged',
): Promise<MutationResult> {
  const changeSeq = await takeChangeSeqs(trx);
  const receivedAt = pusher.now.toISOString();
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
  if (existing) {
    // Cannot fail under the counter lock; checked so a broken invariant aborts instead of overwriting.
    if (!(await replaceRecord(trx, stored, changeSeq, existing, receivedAt))) {
      throw new Error(`Record ${stored.id} changed during its push`);
    }
  } else {
    await insertRecords(trx, [{ record: stored, changeSeq, receivedAt }]);
  }
  await trackPhotoRefs(trx, existing, stored, pusher.user);
  if (stored.deleted) {
    await rewriteRevisions(trx, stored.id, withoutPersonalData);
    await rewriteStoredResults(trx, stored.id, withoutPersonalData);
  }

  await insertAuditEntry(trx, {
    at: pusher.now.toISOString(),
    userId: pusher.user.id,
    clientId: pusher.clientId,
    action: auditAction(mutation.op, existing, status),
    recordId: stored.id,
    kind: stored.kind,
    before: existing ?? null,
    after: stored,
    ...(mutation.madeOffline !== undefined && { offline: mutation.madeOffline }),
  });
  return remember(trx, pusher, mutation, status, stored);
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

/** Stores the mutation's first result (a replay answers it as `duplicate`) and raises the acked seq. */
async function remember(
  trx: Kysely<Database>,
  pusher: Pusher,
  mutation: PushedMutation,
  status: 'applied' | 'merged',
  record: GridRecord,
): Promise<MutationResult> {
  const result: MutationResult = { id: mutation.id, status, rev: record.rev, record };
  await insertMutation(
    trx,
    {
      id: mutation.id,
      clientId: pusher.clientId,
      seq: mutation.seq,
      userId: pusher.user.id,
      recordId: record.id,
      at: pusher.now.toISOString(),
    },
    result,
  );
  await raiseAckedSeq(trx, pusher.clientId, mutation.seq);
  return result;
}

/** Nothing applied; the device gets the server's record and what collided, to show the user. */
function conflict(mutation: PushedMutation, existing: GridRecord, conflicts: string[]): MutationResult {
  return { id: mutation.id, status: 'conflict', rev: existing.rev, record: existing, conflicts };
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
