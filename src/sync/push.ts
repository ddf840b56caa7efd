/**
 * Push: sends queued mutations and applies the per-mutation results.
 *
 * Only the oldest pending mutation of each record goes in a batch (the server applies in request
 * order, but a follower's baseRev is only known once its predecessor has a rev). Records with a
 * mutation in `conflict` wait for the user. A mutation is marked as sent (attempts + 1) BEFORE the
 * request leaves, so an edit made meanwhile queues a new mutation instead of changing this one.
 */

import { threeWayMerge } from '../domain/merge';
import {
  MAX_PUSH_MUTATIONS,
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  pushResponseSchema,
} from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import { type HttpDeps, type HttpResult, requestJson, sendIsolating } from './http';
import { foreignRevAfter, type LocalDb, type LocalRecord, type OutboxMutation, syncedRow } from './local-db';

/** Keeps a batch well under the server's 4 MB request limit. */
const MAX_BATCH_BYTES = 3 * 1024 * 1024;

export type PushRoundResult =
  | { kind: 'done'; sent: number }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response'; message: string };

async function nextBatch(db: LocalDb): Promise<OutboxMutation[]> {
  const blocked = new Set(
    (await db.outbox.where('state').equals('conflict').toArray()).map((m) => m.recordId),
  );
  const seen = new Set<string>();
  const batch: OutboxMutation[] = [];
  let bytes = 0;
  let full = false;
  // Walks the outbox in seq order and stops as soon as the batch is full: the outbox may hold
  // tens of thousands of rows after days offline.
  await db.outbox
    .orderBy('seq')
    .until(() => full)
    .each((mutation) => {
      if (seen.has(mutation.recordId)) return;
      seen.add(mutation.recordId);
      if (mutation.state !== 'pending' || blocked.has(mutation.recordId)) return;
      const size = JSON.stringify(mutation.record).length + 200;
      if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_PUSH_MUTATIONS)) {
        full = true;
        return;
      }
      batch.push(mutation);
      bytes += size;
    });
  return batch;
}

/**
 * A later edit queued while `sent` was in flight now builds on the server's copy. After `applied`
 * the server holds exactly `sent`, so only the rev changes; after `merged` the other side's changes
 * are merged into the follower too (base = what was sent). A follower that touched a field the
 * other side also changed becomes a conflict for the user instead of overwriting it.
 */
function rebase(follower: OutboxMutation, sent: GridRecord, serverCopy: GridRecord): OutboxMutation {
  const rev = serverCopy.rev;
  const merge = threeWayMerge(sent, follower.record, serverCopy);
  if (!merge.ok) return { ...follower, state: 'conflict' };
  const record = {
    ...merge.merged,
    rev,
    deleted: follower.record.deleted,
    updatedAt: follower.record.updatedAt,
    updatedBy: follower.record.updatedBy,
  };
  return { ...follower, baseRev: rev, record };
}

/**
 * Applies a batch's results with bulk reads and writes. `applied`/`duplicate`/`merged`: the
 * mutation leaves the outbox; if no later edit of the record waits, the server's copy becomes the
 * record, else the waiting edits are rebased on the new rev. `conflict` and `rejected` stay in the
 * outbox and mark the record, for the user to act on.
 */
async function applyResults(
  db: LocalDb,
  batch: readonly OutboxMutation[],
  results: ReadonlyMap<string, MutationResult>,
): Promise<void> {
  const recordIds = batch.map((m) => m.recordId);
  const rows = new Map((await db.records.bulkGet(recordIds)).flatMap((row) => (row ? [[row.id, row]] : [])));
  const settled = batch.filter((m) => {
    const status = results.get(m.id)?.status;
    return status === 'applied' || status === 'duplicate' || status === 'merged';
  });
  const settledSeqs = new Set(settled.map((m) => m.seq));
  const waiting = new Map<string, OutboxMutation[]>();
  for (const m of await db.outbox.where('recordId').anyOf(recordIds).toArray()) {
    if (settledSeqs.has(m.seq)) continue;
    waiting.set(m.recordId, [...(waiting.get(m.recordId) ?? []), m]);
  }
  const outboxPuts: OutboxMutation[] = [];
  const recordDeletes: string[] = [];

  for (const mutation of batch) {
    const result = results.get(mutation.id);
    const row = rows.get(mutation.recordId);
    // A mutation without a result stays pending and is sent again; the server dedupes it.
    if (!result || !row) continue;
    if (result.status === 'conflict') {
      outboxPuts.push({ ...mutation, attempts: mutation.attempts + 1, state: 'conflict' });
      rows.set(row.id, {
        ...row,
        syncState: 'conflict',
        ...(result.record ? { theirs: result.record } : {}),
      });
    } else if (result.status === 'rejected') {
      const error = result.error ?? { code: 'validation' as const, message: 'rejected' };
      outboxPuts.push({
        ...mutation,
        attempts: mutation.attempts + 1,
        state: 'rejected',
        lastError: error.message,
      });
      rows.set(row.id, { ...row, syncState: 'rejected', error });
    } else {
      const rev = result.rev ?? result.record?.rev ?? mutation.baseRev + 1;
      const serverCopy: GridRecord = result.record ?? { ...mutation.record, rev };
      const followers = waiting.get(mutation.recordId) ?? [];
      // `merged` (or a replay of it) brought someone else's changes along with mine.
      const foreignRev = foreignRevAfter(row, serverCopy, mutation.record);
      if (followers.length === 0) {
        if (serverCopy.deleted) {
          rows.delete(row.id);
          recordDeletes.push(row.id);
        } else {
          rows.set(row.id, syncedRow(serverCopy, foreignRev));
        }
      } else {
        let visible: GridRecord = { ...row.record, rev };
        let conflict = false;
        for (const follower of followers) {
          if (follower.baseRev !== mutation.baseRev) continue;
          const rebased = rebase(follower, mutation.record, serverCopy);
          outboxPuts.push(rebased);
          visible = rebased.record;
          conflict ||= rebased.state === 'conflict';
        }
        const next: LocalRecord = conflict
          ? { ...row, base: serverCopy, theirs: serverCopy, syncState: 'conflict' }
          : { ...row, base: serverCopy, record: visible };
        if (foreignRev !== undefined) next.foreignRev = foreignRev;
        rows.set(row.id, next);
      }
    }
  }
  await db.outbox.bulkDelete([...settledSeqs]);
  await db.outbox.bulkPut(outboxPuts);
  await db.records.bulkDelete(recordDeletes);
  await db.records.bulkPut([...rows.values()]);
}

/** Sends one batch. `sent: 0` means nothing was waiting. */
export async function pushRound(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  clientId: string,
): Promise<PushRoundResult> {
  const batch = await db.transaction('rw', db.outbox, async () => {
    const mutations = await nextBatch(db);
    await db.outbox.bulkPut(mutations.map((m) => ({ ...m, attempts: m.attempts + 1 })));
    return mutations;
  });
  if (batch.length === 0) return { kind: 'done', sent: 0 };
  // A batch the server refuses whole (400, 413) is split until the one mutation it refuses is
  // alone; that one is rejected (shown on its record), the others go on.
  const sent = await sendIsolating(
    batch,
    (part) => {
      const request: PushRequest = {
        protocol: PROTOCOL_VERSION,
        clientId,
        mutations: part.map((m) => ({
          id: m.id,
          seq: m.seq,
          op: m.op,
          baseRev: m.baseRev,
          record: m.record,
          ...(m.offline !== undefined && { madeOffline: m.offline }),
        })),
      };
      return requestJson(deps, '/api/sync/push', { method: 'POST', token, body: request });
    },
    (_part, body) => {
      const parsed = pushResponseSchema.safeParse(body);
      return parsed.success ? parsed.data.results : undefined;
    },
    (m, error): MutationResult => ({ id: m.id, status: 'rejected', error }),
  );
  if (sent.kind === 'failed') return { kind: 'failed', result: sent.result };
  if (sent.kind === 'bad-response')
    return { kind: 'bad-response', message: 'Push response does not match the protocol' };
  const byId = new Map(sent.results.map((r) => [r.id, r]));
  await db.transaction('rw', [db.outbox, db.records], () => applyResults(db, batch, byId));
  return { kind: 'done', sent: batch.length };
}
