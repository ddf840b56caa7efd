/**
 * Pull: fetches changes after the stored cursor and applies them. A pulled change never
 * overwrites a record that still has queued mutations: it becomes that record's new base.
 * `reset` (scope changed, cursor unusable) re-pulls from the start; afterwards synced records the
 * server no longer sent are removed, and every record with queued mutations is kept.
 *
 * A change this app cannot read (it breaks today's record schema: stored by an older server, or
 * written by a newer app) is skipped, its id kept in `unreadableRecords`: one such record must not
 * stop every pull of its scope. Only a page that is not a pull page at all fails the pass.
 */
import * as z from 'zod/mini';
import { deepEqual } from '../domain/merge';
import { DEFAULT_PULL_LIMIT, pullResponseSchema } from '../domain/protocol';
import { type GridRecord, recordSchema } from '../domain/record-envelope';
import { type HttpDeps, type HttpResult, requestJson } from './http';
import { foreignRevAfter, type LocalDb, type LocalRecord, type OutboxMutation, syncedRow } from './local-db';

export type PullResult =
  | { kind: 'done'; pulled: number }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response'; message: string };

/**
 * A mutation whose push response was lost is confirmed by the pull: the server applied up to
 * `ackedSeq` for this client, and the record it sends is exactly what the mutation carried.
 * (A mutation below ackedSeq whose content differs may have been rejected or merged: it stays
 * queued, and its replay gets the stored answer.)
 */
function confirmedBy(change: GridRecord, mutations: readonly OutboxMutation[], ackedSeq: number): boolean {
  const [only] = mutations;
  if (mutations.length !== 1 || !only || only.state !== 'pending' || only.attempts === 0) return false;
  if (only.seq > ackedSeq) return false;
  const sent = only.record;
  return (
    change.gridId === sent.gridId && change.deleted === sent.deleted && deepEqual(change.body, sent.body)
  );
}

/** Applies one page of changes with bulk reads and writes (a pull of 10,000 is 20 of these). */
async function applyChanges(db: LocalDb, changes: readonly GridRecord[], ackedSeq: number): Promise<void> {
  const ids = changes.map((change) => change.id);
  const rows = await db.records.bulkGet(ids);
  const queued = new Map<string, OutboxMutation[]>();
  for (const m of await db.outbox.where('recordId').anyOf(ids).toArray()) {
    queued.set(m.recordId, [...(queued.get(m.recordId) ?? []), m]);
  }
  const puts: LocalRecord[] = [];
  const deletes: string[] = [];
  const confirmed: number[] = [];
  changes.forEach((change, index) => {
    const row = rows[index];
    const mutations = queued.get(change.id) ?? [];
    if (row && mutations.length > 0 && confirmedBy(change, mutations, ackedSeq)) {
      confirmed.push(...mutations.map((m) => m.seq));
      if (change.deleted) deletes.push(change.id);
      else puts.push(syncedRow(change, row.foreignRev));
    } else if (row && mutations.length > 0) {
      puts.push({ ...row, base: change });
    } else if (change.deleted) {
      if (row) deletes.push(change.id);
    } else {
      puts.push(syncedRow(change, foreignRevAfter(row, change, row?.record)));
    }
  });
  await db.outbox.bulkDelete(confirmed);
  await db.records.bulkPut(puts);
  await db.records.bulkDelete(deletes);
}

/**
 * Drops the copies of records the caller may no longer read (`removed` of a pull page), unless an
 * edit of them is still queued: that one is pushed, refused with its reason, and shown to the user.
 */
async function dropRemoved(db: LocalDb, removed: readonly string[]): Promise<void> {
  if (removed.length === 0) return;
  const queuedIds = new Set(
    (
      await db.outbox
        .where('recordId')
        .anyOf([...removed])
        .toArray()
    ).map((m) => m.recordId),
  );
  await db.records.bulkDelete(removed.filter((id) => !queuedIds.has(id)));
}

/** Removes synced records the server did not send during a reset re-pull (they left the scope). */
async function dropUnseen(db: LocalDb, seen: Set<string>): Promise<void> {
  const queuedIds = new Set((await db.outbox.toArray()).map((m) => m.recordId));
  const stale = (await db.records.toArray())
    .filter((row) => !seen.has(row.id) && !queuedIds.has(row.id))
    .map((row) => row.id);
  await db.records.bulkDelete(stale);
}

/** A pull page whose changes are only known to be records by their id: each is validated on its own. */
const pullPageSchema = z.extend(pullResponseSchema, {
  changes: z.array(z.looseObject({ id: z.uuid() })),
});

/** A page's changes split into the records this app reads and the ids of those it cannot. */
function readableChanges(changes: readonly { id: string }[]): {
  records: GridRecord[];
  unreadable: string[];
} {
  const records: GridRecord[] = [];
  const unreadable: string[] = [];
  for (const change of changes) {
    const parsed = recordSchema.safeParse(change);
    if (parsed.success) records.push(parsed.data);
    else unreadable.push(change.id);
  }
  return { records, unreadable };
}

/**
 * The ids of pulled records the app could not read, kept up to date: a readable version or a
 * removal of one clears it, and a reset re-pull keeps only those it met again.
 */
async function noteUnreadable(
  db: LocalDb,
  page: { records: readonly GridRecord[]; unreadable: readonly string[]; removed: readonly string[] },
  resetSeen: Set<string> | undefined,
  resetDone: boolean,
): Promise<void> {
  const row = await db.meta.get('unreadableRecords');
  const before = row && typeof row.value === 'object' && 'ids' in row.value ? row.value.ids : [];
  if (!row && page.unreadable.length === 0) return;
  const cleared = new Set([...page.records.map((record) => record.id), ...page.removed]);
  let ids = [...new Set([...before.filter((id) => !cleared.has(id)), ...page.unreadable])];
  if (resetSeen && resetDone) ids = ids.filter((id) => resetSeen.has(id));
  await db.meta.put({ key: 'unreadableRecords', value: { ids } });
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
    const parsed = pullPageSchema.safeParse(result.body);
    if (!parsed.success)
      return { kind: 'bad-response', message: 'Pull response does not match the protocol' };
    const page = parsed.data;
    const { records, unreadable } = readableChanges(page.changes);
    if (page.reset && !resetSeen) resetSeen = new Set();
    await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
      await applyChanges(db, records, page.ackedSeq);
      await dropRemoved(db, page.removed ?? []);
      for (const change of page.changes) resetSeen?.add(change.id);
      await noteUnreadable(
        db,
        { records, unreadable, removed: page.removed ?? [] },
        resetSeen,
        !page.hasMore,
      );
      await db.meta.put({ key: 'cursor', value: page.cursor });
      await db.meta.put({ key: 'ackedSeq', value: page.ackedSeq });
      if (resetSeen && !page.hasMore) await dropUnseen(db, resetSeen);
    });
    pulled += records.length;
    if (!page.hasMore) return { kind: 'done', pulled };
  }
}
