/**
 * How the server decides each pushed mutation (a batch shares one transaction):
 *
 *   lock the change counter (pushes decide one at a time)
 *     │
 *   seen id? ──yes──▶ duplicate (the stored first result)
 *     │no
 *   valid record? ──no──▶ rejected validation
 *   grids in scope? ──no──▶ rejected forbidden
 *   same kind? ──no──▶ rejected validation
 *   rev = baseRev? ──no──▶ conflict (server record) | rejected not_found (baseRev > 0, no record)
 *     │yes
 *   apply: rev+1, next change_seq, audit row, stored result, acked seq ──▶ applied
 */
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import type { ErrorBody, MutationOp, MutationResult, SessionUser } from '../../domain/protocol';
import { toIssues } from '../../domain/protocol';
import { type GridRecord, recordSchema } from '../../domain/record-envelope';
import { insertAuditEntry } from '../db/audit-log.repository';
import { raiseAckedSeq } from '../db/clients.repository';
import { lockChangeCounter, takeChangeSeqs } from '../db/counters.repository';
import { findMutation, insertMutation } from '../db/mutations.repository';
import { findRecord, insertRecords, replaceRecord } from '../db/records.repository';
import type { Database } from '../db/schema';

export interface PushedMutation {
  id: string;
  seq: number;
  op: MutationOp;
  baseRev: number;
  record: Record<string, unknown>;
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

  const parsed = z.safeParse(recordSchema, mutation.record);
  if (!parsed.success) {
    return rejected(mutation, 'validation', 'The record is invalid', toIssues(parsed.error.issues));
  }
  const record = parsed.data;
  const existing = await findRecord(trx, record.id);

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
  if (existing && existing.rev !== mutation.baseRev) {
    return { id: mutation.id, status: 'conflict', rev: existing.rev, record: existing };
  }
  if (!existing && mutation.baseRev > 0) {
    return rejected(mutation, 'not_found', `Record ${record.id} does not exist on the server`);
  }

  const changeSeq = await takeChangeSeqs(trx);
  const stored: GridRecord = {
    ...record,
    rev: (existing?.rev ?? 0) + 1,
    createdAt: existing?.createdAt ?? record.createdAt,
    createdBy: existing?.createdBy ?? pusher.user.id,
    updatedBy: pusher.user.id,
    deleted: mutation.op === 'delete',
  };
  if (existing) {
    // Cannot fail under the counter lock; checked so a broken invariant aborts instead of overwriting.
    if (!(await replaceRecord(trx, stored, changeSeq, existing.rev))) {
      throw new Error(`Record ${stored.id} changed during its push`);
    }
  } else {
    await insertRecords(trx, [{ record: stored, changeSeq }]);
  }

  const at = pusher.now.toISOString();
  await insertAuditEntry(trx, {
    at,
    userId: pusher.user.id,
    clientId: pusher.clientId,
    action: mutation.op === 'delete' ? 'delete' : existing ? 'update' : 'create',
    recordId: stored.id,
    kind: stored.kind,
    before: existing ?? null,
    after: stored,
  });
  const result: MutationResult = { id: mutation.id, status: 'applied', rev: stored.rev, record: stored };
  await insertMutation(
    trx,
    {
      id: mutation.id,
      clientId: pusher.clientId,
      seq: mutation.seq,
      userId: pusher.user.id,
      recordId: stored.id,
      at,
    },
    result,
  );
  await raiseAckedSeq(trx, pusher.clientId, mutation.seq);
  return result;
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
