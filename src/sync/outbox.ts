/**
 * Local writes. A save writes the record and its outbox mutation in ONE Dexie transaction, so a
 * record is never visible without the mutation that will carry it to the server, nor the reverse.
 *
 * Coalescing: while a record's newest mutation has never been sent, further edits replace its
 * payload (same mutation id). Once sent it is frozen — the server may already hold it — and the
 * next edit queues a new mutation that the sync engine rebases on the rev the first one gets.
 */
import { deepEqual, threeWayMerge } from '../domain/merge';
import type { GridRecord } from '../domain/record-envelope';
import { type LocalDb, type LocalRecord, type OutboxMutation, syncedRow } from './local-db';
import { uuidV7 } from './uuid-v7';
import { checkRecord, type ValidRecord, validRecord } from './valid-record';

export { RecordInvalidError } from './valid-record';

/** The device is out of storage. Nothing was written; nothing was evicted. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('Device storage is full', { cause });
    this.name = 'StorageFullError';
  }
}

/** QuotaExceededError, also when IndexedDB wraps it in an AbortError (Chromium does). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const named = e as { name?: string; inner?: unknown; cause?: unknown };
    if (named.name === 'QuotaExceededError') return true;
    e = named.inner ?? named.cause;
  }
  return false;
}

async function nextSeq(db: LocalDb): Promise<number> {
  const row = await db.meta.get('nextSeq');
  const seq = typeof row?.value === 'number' ? row.value : 1;
  await db.meta.put({ key: 'nextSeq', value: seq + 1 });
  return seq;
}

/**
 * `coalesce: false` queues a new mutation even behind an unsent one: for an edit that does not
 * build on that one's content (see saveEdit), so each goes out on its own base.
 */
async function queue(
  db: LocalDb,
  record: GridRecord,
  op: OutboxMutation['op'],
  now: Date,
  coalesce = true,
): Promise<void> {
  const existing = await db.records.get(record.id);
  const mutations = await db.outbox.where('recordId').equals(record.id).sortBy('seq');
  const last = mutations.at(-1);
  // A rejected mutation is final; saving again is the user's fix, so it supersedes it (also when
  // the save joins an unsent edit queued behind it, else that edit waits behind it forever).
  const rejected = mutations.filter((m) => m.state === 'rejected').map((m) => m.seq);
  if (rejected.length > 0) await db.outbox.bulkDelete(rejected);
  const offline = globalThis.navigator?.onLine === false;
  if (coalesce && last && last.state === 'pending' && last.attempts === 0) {
    await db.outbox.update(last.seq, { record, op, offline: (last.offline ?? false) || offline });
  } else {
    await db.outbox.add({
      seq: await nextSeq(db),
      id: uuidV7(now.getTime()),
      recordId: record.id,
      op,
      baseRev: record.rev,
      record,
      state: 'pending',
      attempts: 0,
      createdAt: now.toISOString(),
      offline,
    });
  }
  const hasConflict = mutations.some((m) => m.state === 'conflict');
  const row: LocalRecord = {
    id: record.id,
    kind: record.kind,
    gridId: record.gridId,
    updatedAt: record.updatedAt,
    syncState: hasConflict ? 'conflict' : 'pending',
    record,
  };
  if (existing?.base) row.base = existing.base;
  if (existing?.theirs) row.theirs = existing.theirs;
  if (existing?.foreignRev !== undefined) row.foreignRev = existing.foreignRev;
  await db.records.put(row);
}

async function inWriteTransaction(db: LocalDb, work: () => Promise<void>): Promise<void> {
  try {
    await db.transaction('rw', [db.records, db.outbox, db.meta], work);
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

/**
 * Checks a new or edited record (RecordInvalidError names the fields) and saves it, queued for
 * the server, atomically. A record a form already checked goes through saveValidRecord instead.
 */
export async function saveRecord(
  db: LocalDb,
  record: GridRecord,
  now: Date = new Date(),
): Promise<GridRecord> {
  return saveValidRecord(db, validRecord(record), now);
}

/** Saves a record checkRecord accepted, queued for the server, atomically. */
export async function saveValidRecord(
  db: LocalDb,
  record: ValidRecord,
  now: Date = new Date(),
): Promise<GridRecord> {
  await inWriteTransaction(db, () => queue(db, record, 'upsert', now));
  return record;
}

/**
 * Deletes a record. One the server never saw (nothing sent yet) just disappears; otherwise a
 * tombstone is queued so the delete reaches every device.
 */
export async function deleteRecord(
  db: LocalDb,
  id: string,
  userId: string,
  now: Date = new Date(),
): Promise<void> {
  await inWriteTransaction(db, async () => {
    const row = await db.records.get(id);
    if (!row) return;
    const mutations = await db.outbox.where('recordId').equals(id).toArray();
    if (!row.base && mutations.every((m) => m.attempts === 0)) {
      await db.outbox.bulkDelete(mutations.map((m) => m.seq));
      await db.records.delete(id);
      return;
    }
    const tombstone = { ...row.record, deleted: true, updatedAt: now.toISOString(), updatedBy: userId };
    await queue(db, tombstone, 'delete', now);
  });
}

/**
 * Gives up the device's changes to a record the server refused (syncState `rejected`): its queued
 * mutations go and the server's copy (the row's base, kept current by pull) is shown again. False,
 * and nothing changes, for a record that is not rejected or that the server never held (that one
 * is removed with deleteRecord).
 */
export async function discardRejected(db: LocalDb, id: string): Promise<boolean> {
  let discarded = false;
  await inWriteTransaction(db, async () => {
    const row = await db.records.get(id);
    if (row?.syncState !== 'rejected' || !row.base) return;
    await db.outbox.where('recordId').equals(id).delete();
    await db.records.put(syncedRow(row.base, row.foreignRev));
    discarded = true;
  });
  return discarded;
}

/**
 * Saves an edit made from `opened` (the record as the form or sheet read it) onto the record as the
 * device holds it now. The device's own writes since then (结束巡查, another save, a push the server
 * acknowledged) are never the other side: the edit's changes — what differs from `opened` — are
 * merged onto the latest state and go out on its rev, and where both changed one field the later
 * save, this one, wins, as its author meant. Only a collision with someone else's change that
 * reached the device after `opened` (LocalRecord.foreignRev) goes out on `opened.rev`, so the server
 * decides it and the user sees the conflict.
 */
export async function saveEdit(
  db: LocalDb,
  opened: GridRecord,
  edited: ValidRecord,
  now: Date = new Date(),
): Promise<GridRecord> {
  let saved: GridRecord = edited;
  await inWriteTransaction(db, async () => {
    const row = await db.records.get(edited.id);
    const rebased = row ? onLatest(opened, edited, row) : undefined;
    saved = rebased ?? edited;
    await queue(db, saved, 'upsert', now, rebased !== undefined || !row);
  });
  return saved;
}

/**
 * `edited`'s changes from `opened` on top of the device's latest `row`; undefined: leave it to the
 * server (the edit goes out as made, on `opened.rev`).
 */
function onLatest(opened: GridRecord, edited: ValidRecord, row: LocalRecord): ValidRecord | undefined {
  const latest = row.record;
  if (latest.deleted || latest.kind !== edited.kind) return undefined;
  // Nothing reached the record since it was opened: the checked edit itself, on the latest rev.
  if (sameState(opened, latest)) return { ...edited, rev: latest.rev };
  const foreignSinceOpened = (row.foreignRev ?? 0) > opened.rev;
  const merge = threeWayMerge(opened, edited, latest, foreignSinceOpened ? 'conflict' : 'mine');
  if (!merge.ok) return undefined;
  // A merge makes a record nobody checked; if the schema refuses it (a combination the rules do
  // not allow), leave it to the server too.
  const merged = checkRecord({ ...merge.merged, rev: latest.rev, deleted: false });
  return merged.ok ? merged.record : undefined;
}

/** Same rev, grid and body: nothing reached the record between the two reads. */
function sameState(a: GridRecord, b: GridRecord): boolean {
  return a.rev === b.rev && a.gridId === b.gridId && a.deleted === b.deleted && deepEqual(a.body, b.body);
}
