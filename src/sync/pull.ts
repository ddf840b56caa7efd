/**
 * Pull: fetches changes after the stored cursor and applies them. A pulled change never
 * overwrites a record that still has queued mutations: it becomes that record's new base.
 * `reset` (scope changed, cursor unusable) re-pulls from the start; afterwards synced records the
 * server no longer sent are removed, and every record with queued mutations is kept.
 */
import { DEFAULT_PULL_LIMIT, pullResponseSchema } from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import { type HttpDeps, type HttpResult, requestJson } from './http';
import type { LocalDb } from './local-db';

export type PullResult =
  | { kind: 'done'; pulled: number }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response'; message: string };

async function applyChange(db: LocalDb, change: GridRecord): Promise<void> {
  const queued = await db.outbox.where('recordId').equals(change.id).count();
  const row = await db.records.get(change.id);
  if (queued > 0 && row) {
    await db.records.update(change.id, { base: change });
    return;
  }
  if (change.deleted) {
    if (row) await db.records.delete(change.id);
    return;
  }
  await db.records.put({
    id: change.id,
    kind: change.kind,
    gridId: change.gridId,
    updatedAt: change.updatedAt,
    syncState: 'synced',
    record: change,
    base: change,
  });
}

/** Removes synced records the server did not send during a reset re-pull (they left the scope). */
async function dropUnseen(db: LocalDb, seen: Set<string>): Promise<void> {
  const queuedIds = new Set((await db.outbox.toArray()).map((m) => m.recordId));
  const stale = (await db.records.toArray())
    .filter((row) => !seen.has(row.id) && !queuedIds.has(row.id))
    .map((row) => row.id);
  await db.records.bulkDelete(stale);
}

/** Pulls until the server has nothing more. */
export async function pullAll(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  clientId: string,
  limit: number = DEFAULT_PULL_LIMIT,
): Promise<PullResult> {
  let pulled = 0;
  let resetSeen: Set<string> | undefined;
  for (;;) {
    const cursor = await db.meta.get('cursor');
    const params = new URLSearchParams({ clientId, limit: String(limit) });
    if (typeof cursor?.value === 'string') params.set('cursor', cursor.value);
    const result = await requestJson(deps, `/api/sync/pull?${params}`, { method: 'GET', token });
    if (result.kind !== 'ok') return { kind: 'failed', result };
    const parsed = pullResponseSchema.safeParse(result.body);
    if (!parsed.success)
      return { kind: 'bad-response', message: 'Pull response does not match the protocol' };
    const page = parsed.data;
    if (page.reset && !resetSeen) resetSeen = new Set();
    await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
      for (const change of page.changes) {
        await applyChange(db, change);
        resetSeen?.add(change.id);
      }
      await db.meta.put({ key: 'cursor', value: page.cursor });
      await db.meta.put({ key: 'ackedSeq', value: page.ackedSeq });
      if (resetSeen && !page.hasMore) await dropUnseen(db, resetSeen);
    });
    pulled += page.changes.length;
    if (!page.hasMore) return { kind: 'done', pulled };
  }
}
