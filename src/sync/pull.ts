/**
 * Pull: fetches changes after the stored cursor and applies them. A pulled change never
 * overwrites a record that still has queued mutations: it becomes that record's new base.
 * `reset` (scope changed, cursor unusable) re-pulls from the start; afterwards synced records the
 * server no longer sent are removed, and every record with queued mutations is kept.
 *
 * Each change is read on its own (change-envelope.ts), so no single record stops every pull of its
 * scope: a kind or body version only a newer app knows is kept whole as an opaque row, and read
 * again by this app once it updates (readOpaqueRecords, at start and before each pull); a change
 * this app cannot read at all keeps only its id in `unreadableRecords`. Only a page that is not a
 * pull page fails the pass.
 */
import * as z from 'zod/mini';
import {
  appRecordReader,
  type ChangeEnvelope,
  type RecordReader,
  readChange,
} from '../domain/change-envelope';
import { deepEqual } from '../domain/merge';
import { DEFAULT_PULL_LIMIT, pullResponseSchema } from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import type { HeldCopies } from './held-copies';
import { type HttpDeps, type HttpResult, requestJson } from './http';
import {
  countUnsynced,
  foreignRevAfter,
  type LocalDb,
  type LocalRecord,
  type OutboxMutation,
  syncedRow,
} from './local-db';
import { keepOnlySeen, noteNotShown } from './opaque-records';

export type PullResult =
  /** `more`: the pull stopped between pages for `yieldTo`; the server has more. */
  | { kind: 'done'; pulled: number; more?: true }
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
  if (changes.length === 0) return;
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
  if (confirmed.length > 0) await db.outbox.bulkDelete(confirmed);
  if (puts.length > 0) await db.records.bulkPut(puts);
  if (deletes.length > 0) await db.records.bulkDelete(deletes);
}

/**
 * Drops the device's copies of these records — the caller may no longer read them (`removed` of a
 * pull page), or only a newer app can read the server's version — unless an edit of one is still
 * queued: that one is pushed, and the server's answer shown to the user.
 */
async function dropUnlessQueued(db: LocalDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const queuedIds = new Set(
    (
      await db.outbox
        .where('recordId')
        .anyOf([...ids])
        .toArray()
    ).map((m) => m.recordId),
  );
  await db.records.bulkDelete(ids.filter((id) => !queuedIds.has(id)));
}

/** Removes synced records the server did not send during a reset re-pull (they left the scope). */
async function dropUnseen(db: LocalDb, seen: Set<string>): Promise<void> {
  const queuedIds = new Set((await db.outbox.toArray()).map((m) => m.recordId));
  const stale = (await db.records.toArray())
    .filter((row) => !seen.has(row.id) && !queuedIds.has(row.id))
    .map((row) => row.id);
  await db.records.bulkDelete(stale);
  await keepOnlySeen(db, seen);
}

/** A pull page whose changes are only known to be records by their id: each is read on its own. */
const pullPageSchema = z.extend(pullResponseSchema, {
  changes: z.array(z.looseObject({ id: z.uuid() })),
});

/** The tables storeChanges writes. */
function storedTables(db: LocalDb) {
  return [db.records, db.outbox, db.meta, db.opaqueRecords];
}

/**
 * Stores pulled changes (call inside a transaction over records, outbox, meta and opaqueRecords):
 * the readable ones as records, the others as opaque rows or unreadable ids. The one way a pulled
 * change enters the device — a pull page, and an opaque row read again after an app update.
 * Returns how many became records.
 */
async function storeChanges(
  db: LocalDb,
  changes: readonly { id: string }[],
  ackedSeq: number,
  reader: RecordReader,
  removed: readonly string[] = [],
  held?: HeldCopies,
): Promise<number> {
  const records: GridRecord[] = [];
  // Exactly the server copy the device holds as the record's base since this pass's push: storing
  // it again would change nothing, so it is neither read nor stored (but still counts as pulled).
  const alreadyHeld: string[] = [];
  const newer: ChangeEnvelope[] = [];
  const unreadable: string[] = [];
  for (const change of changes) {
    if (held?.holds(change)) {
      alreadyHeld.push(change.id);
      continue;
    }
    const reading = readChange(change, reader);
    if (reading.as === 'record') records.push(reading.record);
    else if (reading.as === 'newer') newer.push(reading.change);
    else unreadable.push(reading.id);
  }
  await applyChanges(db, records, ackedSeq);
  await dropUnlessQueued(db, [...removed, ...newer.map((change) => change.id)]);
  const recordIds = [...alreadyHeld, ...records.map((record) => record.id)];
  await noteNotShown(db, { records: recordIds, newer, unreadable, removed });
  return recordIds.length;
}

/**
 * Reads the opaque rows again with `reader` (this build's by default): after an app update, the
 * changes it now knows become records — queued edits respected as in a pull — with no re-pull;
 * the others stay. Run when the app starts and before each pull applies. Returns how many became
 * records.
 */
export async function readOpaqueRecords(
  db: LocalDb,
  reader: RecordReader = appRecordReader,
): Promise<number> {
  if ((await db.opaqueRecords.count()) === 0) return 0;
  return db.transaction('rw', storedTables(db), async () => {
    const changes = (await db.opaqueRecords.toArray()).map((row) => row.change);
    const acked = await db.meta.get('ackedSeq');
    return storeChanges(db, changes, typeof acked?.value === 'number' ? acked.value : 0, reader);
  });
}

/**
 * Pulls until the server has nothing more — or, between pages, until `yieldTo` says the device has
 * something to send (a supervisor's first pull of a whole street must not hold back the step they
 * just took). A reset pull never stops early: the records it has not seen are dropped at its end.
 */
export async function pullAll(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  clientId: string,
  {
    limit = DEFAULT_PULL_LIMIT,
    held,
    yieldTo,
  }: { limit?: number; held?: HeldCopies; yieldTo?: () => Promise<boolean> } = {},
): Promise<PullResult> {
  await readOpaqueRecords(db);
  let pulled = 0;
  let resetSeen: Set<string> | undefined;
  let reported = false;
  for (;;) {
    const cursor = await db.meta.get('cursor');
    const params = new URLSearchParams({ clientId, limit: String(limit) });
    if (typeof cursor?.value === 'string') params.set('cursor', cursor.value);
    // What is still unsynced once the push is done, for the supervisors' figures: once a pass.
    if (!reported) params.set('unsynced', String(await countUnsynced(db)));
    reported = true;
    const result = await requestJson(deps, `/api/sync/pull?${params}`, { method: 'GET', token });
    if (result.kind !== 'ok') return { kind: 'failed', result };
    const parsed = pullPageSchema.safeParse(result.body);
    if (!parsed.success)
      return { kind: 'bad-response', message: 'Pull response does not match the protocol' };
    const page = parsed.data;
    if (page.reset && !resetSeen) resetSeen = new Set();
    const applied = await db.transaction('rw', storedTables(db), async () => {
      const stored = await storeChanges(db, page.changes, page.ackedSeq, appRecordReader, page.removed, held);
      for (const change of page.changes) resetSeen?.add(change.id);
      await db.meta.put({ key: 'cursor', value: page.cursor });
      await db.meta.put({ key: 'ackedSeq', value: page.ackedSeq });
      if (resetSeen && !page.hasMore) await dropUnseen(db, resetSeen);
      return stored;
    });
    pulled += applied;
    if (!page.hasMore) return { kind: 'done', pulled };
    if (!resetSeen && (await yieldTo?.())) return { kind: 'done', pulled, more: true };
  }
}
