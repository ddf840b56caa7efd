/**
 * Push: sends queued mutations and applies the per-mutation results.
 *
 * Only the oldest pending mutation of each record goes in a batch (the server applies in request
 * order, but a follower's baseRev is only known once its predecessor has a rev). Records with a
 * mutation in `conflict` wait for the user. A mutation is marked as sent (attempts + 1) BEFORE the
 * request leaves, so an edit made meanwhile queues a new mutation instead of changing this one.
 */
import {
  MAX_PUSH_MUTATIONS,
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  pushResponseSchema,
} from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import { type HttpDeps, type HttpResult, requestJson } from './http';
import type { LocalDb, OutboxMutation } from './local-db';

/** Keeps a batch well under the server's 4 MB request limit. */
const MAX_BATCH_BYTES = 3 * 1024 * 1024;

export type PushRoundResult =
  | { kind: 'done'; sent: number }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response'; message: string };

async function nextBatch(db: LocalDb): Promise<OutboxMutation[]> {
  const all = await db.outbox.orderBy('seq').toArray();
  const blocked = new Set(all.filter((m) => m.state === 'conflict').map((m) => m.recordId));
  const seen = new Set<string>();
  const batch: OutboxMutation[] = [];
  let bytes = 0;
  for (const mutation of all) {
    if (seen.has(mutation.recordId)) continue;
    seen.add(mutation.recordId);
    if (mutation.state !== 'pending' || blocked.has(mutation.recordId)) continue;
    const size = JSON.stringify(mutation.record).length + 200;
    if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_PUSH_MUTATIONS)) break;
    batch.push(mutation);
    bytes += size;
  }
  return batch;
}

/** After `applied`: the next queued edits of this record now build on `rev`. */
async function settleApplied(db: LocalDb, mutation: OutboxMutation, result: MutationResult): Promise<void> {
  await db.outbox.delete(mutation.seq);
  const row = await db.records.get(mutation.recordId);
  if (!row) return;
  const rev = result.rev ?? result.record?.rev ?? mutation.baseRev + 1;
  const serverCopy: GridRecord = result.record ?? { ...mutation.record, rev };
  const followers = await db.outbox.where('recordId').equals(mutation.recordId).toArray();
  if (followers.length === 0) {
    if (serverCopy.deleted) {
      await db.records.delete(row.id);
      return;
    }
    await db.records.put({
      id: row.id,
      kind: serverCopy.kind,
      gridId: serverCopy.gridId,
      updatedAt: serverCopy.updatedAt,
      syncState: 'synced',
      record: serverCopy,
      base: serverCopy,
    });
    return;
  }
  for (const follower of followers) {
    if (follower.baseRev === mutation.baseRev) {
      await db.outbox.update(follower.seq, { baseRev: rev, record: { ...follower.record, rev } });
    }
  }
  await db.records.update(row.id, { base: serverCopy, record: { ...row.record, rev } });
}

async function applyResult(db: LocalDb, mutation: OutboxMutation, result: MutationResult): Promise<void> {
  switch (result.status) {
    case 'applied':
    case 'duplicate':
    case 'merged':
      return settleApplied(db, mutation, result);
    case 'conflict': {
      await db.outbox.update(mutation.seq, { state: 'conflict' });
      const change: Partial<Parameters<typeof db.records.put>[0]> = { syncState: 'conflict' };
      if (result.record) change.theirs = result.record;
      await db.records.update(mutation.recordId, change);
      return;
    }
    case 'rejected': {
      const message = result.error?.message ?? 'rejected';
      await db.outbox.update(mutation.seq, { state: 'rejected', lastError: message });
      await db.records.update(mutation.recordId, {
        syncState: 'rejected',
        error: result.error ?? { code: 'validation', message },
      });
      return;
    }
  }
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
    for (const m of mutations) await db.outbox.update(m.seq, { attempts: m.attempts + 1 });
    return mutations;
  });
  if (batch.length === 0) return { kind: 'done', sent: 0 };
  const request: PushRequest = {
    protocol: PROTOCOL_VERSION,
    clientId,
    mutations: batch.map((m) => ({ id: m.id, seq: m.seq, op: m.op, baseRev: m.baseRev, record: m.record })),
  };
  const result = await requestJson(deps, '/api/sync/push', { method: 'POST', token, body: request });
  if (result.kind !== 'ok') return { kind: 'failed', result };
  const parsed = pushResponseSchema.safeParse(result.body);
  if (!parsed.success) return { kind: 'bad-response', message: 'Push response does not match the protocol' };
  const byId = new Map(parsed.data.results.map((r) => [r.id, r]));
  await db.transaction('rw', [db.outbox, db.records], async () => {
    for (const mutation of batch) {
      const mutationResult = byId.get(mutation.id);
      // A mutation without a result stays pending and is sent again; the server dedupes it.
      if (mutationResult) await applyResult(db, mutation, mutationResult);
    }
  });
  return { kind: 'done', sent: batch.length };
}
