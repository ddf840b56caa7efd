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
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  pushResponseSchema,
} from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import { HeldCopies } from './held-copies';
import { type HttpDeps, type HttpResult, requestJson, sendIsolating } from './http';
import { foreignRevAfter, type LocalDb, type LocalRecord, type OutboxMutation, syncedRow } from './local-db';
import { deleteSeqs, followersOf, type Queued, takeBatch } from './push-outbox';

export type PushResult =
  | { kind: 'done'; sent: number; held: HeldCopies }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response'; message: string };

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
 * outbox and mark the record, for the user to act on. The batch's own mutations are not read
 * again: only the keys of the records' queued mutations, and the followers among them.
 */
async function applyResults(
  db: LocalDb,
  batch: readonly Queued[],
  results: ReadonlyMap<string, MutationResult>,
  held: HeldCopies,
): Promise<void> {
  const recordIds = batch.map((queued) => queued.mutation.recordId);
  const rows = new Map((await db.records.bulkGet(recordIds)).flatMap((row) => (row ? [[row.id, row]] : [])));
  const waiting = await followersOf(db, batch);
  const settledSeqs: number[] = [];
  const outboxPuts: OutboxMutation[] = [];
  const recordPuts: LocalRecord[] = [];
  const recordDeletes: string[] = [];

  for (const { mutation, bytes } of batch) {
    const result = results.get(mutation.id);
    const row = rows.get(mutation.recordId);
    const settled =
      result?.status === 'applied' || result?.status === 'duplicate' || result?.status === 'merged';
    if (settled) settledSeqs.push(mutation.seq);
    // A mutation without a result stays pending and is sent again; the server dedupes it.
    if (!result || !row) continue;
    if (result.status === 'conflict') {
      held.forget(row.id);
      outboxPuts.push({ ...mutation, attempts: mutation.attempts + 1, state: 'conflict' });
      recordPuts.push({
        ...row,
        syncState: 'conflict',
        ...(result.record ? { theirs: result.record } : {}),
      });
    } else if (result.status === 'rejected') {
      held.forget(row.id);
      const error = result.error ?? { code: 'validation' as const, message: 'rejected' };
      outboxPuts.push({
        ...mutation,
        attempts: mutation.attempts + 1,
        state: 'rejected',
        lastError: error.message,
      });
      recordPuts.push({ ...row, syncState: 'rejected', error });
    } else {
      const rev = result.rev ?? result.record?.rev ?? mutation.baseRev + 1;
      const serverCopy: GridRecord = result.record ?? { ...mutation.record, rev };
      const followers = waiting.get(mutation.recordId) ?? [];
      // `merged` (or a replay of it) brought someone else's changes along with mine.
      const foreignRev = foreignRevAfter(row, serverCopy, mutation.record);
      if (followers.length === 0 && serverCopy.deleted) {
        held.forget(row.id);
        recordDeletes.push(row.id);
        continue;
      }
      held.hold(serverCopy, bytes);
      if (followers.length === 0) {
        recordPuts.push(syncedRow(serverCopy, foreignRev));
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
        recordPuts.push(next);
      }
    }
  }
  if (settledSeqs.length > 0) await deleteSeqs(db, settledSeqs);
  if (outboxPuts.length > 0) await db.outbox.bulkPut(outboxPuts);
  if (recordDeletes.length > 0) await db.records.bulkDelete(recordDeletes);
  if (recordPuts.length > 0) await db.records.bulkPut(recordPuts);
}

type Sent =
  | { kind: 'ok'; results: ReadonlyMap<string, MutationResult> }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response' };

/**
 * Sends one batch. A batch the server refuses whole (400, 413) is split until the one mutation it
 * refuses is alone; that one is rejected (shown on its record), the others go on.
 */
async function sendBatch(
  deps: HttpDeps,
  batch: readonly Queued[],
  token: string,
  clientId: string,
): Promise<Sent> {
  const sent = await sendIsolating(
    batch.map((queued) => queued.mutation),
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
  if (sent.kind !== 'ok') return sent;
  return { kind: 'ok', results: new Map(sent.results.map((r) => [r.id, r])) };
}

/**
 * Pushes everything queued, in at most `maxRounds` requests, one request in flight at a time. The
 * device works while the server does: when a batch's answer arrives the next batch (taken and
 * marked sent while the previous request was out) leaves at once, and the answer is applied while
 * it is in flight. A batch never holds a record of the batch in flight, so a follower waits for its
 * predecessor's rev as before; a batch taken early is at worst marked sent and not sent (a failed
 * request stops the pass), which only freezes it, as any sent mutation.
 */
export async function pushAll(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  clientId: string,
  maxRounds: number,
): Promise<PushResult> {
  const held = new HeldCopies();
  let batch = await takeBatch(db, []);
  if (batch.length === 0) return { kind: 'done', sent: 0, held };
  let rounds = 1;
  let request = sendBatch(deps, batch, token, clientId);
  let sent = 0;
  for (;;) {
    const next = rounds < maxRounds ? await settledFirst(request, takeBatch(db, batch)) : [];
    const answer = await request;
    if (answer.kind === 'failed') return { kind: 'failed', result: answer.result };
    if (answer.kind === 'bad-response')
      return { kind: 'bad-response', message: 'Push response does not match the protocol' };
    sent += batch.length;
    // The next request leaves before this answer is applied (none of its records is in it).
    const nextRequest = next.length > 0 ? sendBatch(deps, next, token, clientId) : undefined;
    const done = batch;
    const applying = db.transaction('rw', [db.outbox, db.records], () =>
      applyResults(db, done, answer.results, held),
    );
    if (nextRequest) {
      await settledFirst(nextRequest, applying);
      rounds += 1;
      batch = next;
      request = nextRequest;
      continue;
    }
    await applying;
    // Nothing else was waiting when the request left; the answer may have rebased followers.
    batch = rounds < maxRounds ? await takeBatch(db, []) : [];
    if (batch.length === 0) return { kind: 'done', sent, held };
    rounds += 1;
    request = sendBatch(deps, batch, token, clientId);
  }
}

/**
 * `work`'s outcome, but if it fails, only once `request` (in flight) has settled too: the pass
 * never ends, and lets another pass start, while one of its requests is still out.
 */
async function settledFirst<T>(request: Promise<unknown>, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    await request;
    throw error;
  }
}
