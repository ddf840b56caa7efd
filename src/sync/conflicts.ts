/**
 * Resolving a conflict the user has looked at. Until then both versions stay on the device: the
 * user's in `record` (with its mutations held in the outbox) and the server's in `theirs`.
 *
 *   conflict ──keep mine / pick per field──▶ new mutation on top of theirs.rev ──▶ pending ──▶ synced
 *            └─keep theirs──────────────────▶ local edits dropped, theirs shown ──▶ synced
 */
import type { GridRecord } from '../domain/record-envelope';
import { type LocalDb, syncedRow } from './local-db';
import { saveRecord } from './outbox';

export class NoConflictError extends Error {
  constructor(recordId: string) {
    super(`Record ${recordId} has no conflict to resolve`);
    this.name = 'NoConflictError';
  }
}

async function conflicted(db: LocalDb, recordId: string) {
  const row = await db.records.get(recordId);
  if (row?.syncState !== 'conflict' || !row.theirs) throw new NoConflictError(recordId);
  return { row, theirs: row.theirs };
}

/**
 * Sends `resolved` (mine, or a per-field mix) as a normal edit on top of the server's revision.
 * The held mutations are replaced by it, in one transaction with the new outbox entry.
 */
export async function resolveWith(
  db: LocalDb,
  recordId: string,
  resolved: GridRecord,
  userId: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    const { row, theirs } = await conflicted(db, recordId);
    await db.outbox.where('recordId').equals(recordId).delete();
    const { theirs: _resolved, error: _stale, ...rest } = row;
    await db.records.put({ ...rest, syncState: 'pending', base: theirs, foreignRev: theirs.rev });
    const edit = {
      ...resolved,
      rev: theirs.rev,
      deleted: false,
      updatedAt: now.toISOString(),
      updatedBy: userId,
    } as GridRecord;
    await saveRecord(db, edit, now);
  });
}

/** Drops the local edits and shows the server's version (a tombstone removes the record). */
export async function keepTheirs(db: LocalDb, recordId: string): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox], async () => {
    const { theirs } = await conflicted(db, recordId);
    await db.outbox.where('recordId').equals(recordId).delete();
    if (theirs.deleted) {
      await db.records.delete(recordId);
      return;
    }
    await db.records.put(syncedRow(theirs, theirs.rev));
  });
}
