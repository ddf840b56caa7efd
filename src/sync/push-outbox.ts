/**
 * The outbox side of a push (push.ts): taking the next batch and marking it sent, finding the
 * mutations queued behind a batch, deleting the settled ones. Bulk reads and writes throughout:
 * after days offline the outbox may hold tens of thousands of rows.
 */
import { MAX_PUSH_MUTATIONS } from '../domain/protocol';
import type { LocalDb, OutboxMutation } from './local-db';

/** Keeps a batch well under the server's 4 MB request limit. */
const MAX_BATCH_BYTES = 3 * 1024 * 1024;
/** The outbox is read this many rows at a time (one getAll each, not one cursor step per row). */
const WALK_CHUNK = MAX_PUSH_MUTATIONS;

export interface Queued {
  mutation: OutboxMutation;
  /** About what it takes on the wire. */
  bytes: number;
}

/**
 * The oldest pending mutation of each record not in `inFlight` (the batch the server has now) and
 * not blocked by a conflict, in seq order, up to a full batch.
 */
async function nextBatch(db: LocalDb, inFlight: readonly Queued[]): Promise<Queued[]> {
  const blocked = new Set(
    (await db.outbox.where('state').equals('conflict').toArray()).map((m) => m.recordId),
  );
  const seen = new Set(inFlight.map((queued) => queued.mutation.recordId));
  const inFlightSeqs = new Set(inFlight.map((queued) => queued.mutation.seq));
  const batch: Queued[] = [];
  let bytes = 0;
  // Walks the outbox in seq order a chunk at a time and stops as soon as the batch is full: the
  // outbox may hold tens of thousands of rows after days offline. Keys first: the batch in flight
  // (which this walk meets first) is held already and not read again.
  for (let after = 0; ; ) {
    const keys = (await db.outbox.where('seq').above(after).limit(WALK_CHUNK).primaryKeys()) as number[];
    const wanted = keys.filter((seq) => !inFlightSeqs.has(seq));
    const [first] = wanted;
    const last = wanted.at(-1);
    const chunk =
      first === undefined || last === undefined
        ? []
        : wanted.length === keys.length
          ? await db.outbox.where('seq').between(first, last, true, true).toArray()
          : await db.outbox.bulkGet(wanted);
    for (const mutation of chunk) {
      if (!mutation || seen.has(mutation.recordId)) continue;
      seen.add(mutation.recordId);
      if (mutation.state !== 'pending' || blocked.has(mutation.recordId)) continue;
      const size = JSON.stringify(mutation.record).length + 200;
      if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_PUSH_MUTATIONS))
        return batch;
      batch.push({ mutation, bytes: size });
      bytes += size;
    }
    const lastKey = keys.at(-1);
    if (lastKey === undefined || keys.length < WALK_CHUNK) return batch;
    after = lastKey;
  }
}

/** Takes the next batch and marks it sent (attempts + 1) in one transaction, before it leaves. */
export function takeBatch(db: LocalDb, inFlight: readonly Queued[]): Promise<Queued[]> {
  return db.transaction('rw', db.outbox, async () => {
    const batch = await nextBatch(db, inFlight);
    batch.forEach((queued) => {
      queued.mutation = { ...queued.mutation, attempts: queued.mutation.attempts + 1 };
    });
    if (batch.length > 0) await db.outbox.bulkPut(batch.map((queued) => queued.mutation));
    return batch;
  });
}

/**
 * The mutations queued behind the batch's, by record, in seq order. Record ids are uuid v7, so a
 * batch's records mostly lie together in the outbox's recordId index: one key read over the span of
 * its ids finds every row of them, and the batch's own rows are not read again. Rows of other
 * records in that span are read to be told apart; when there are many, each record is looked up.
 */
export async function followersOf(
  db: LocalDb,
  batch: readonly Queued[],
): Promise<Map<string, OutboxMutation[]>> {
  const recordIds = new Set(batch.map((queued) => queued.mutation.recordId));
  const batchSeqs = new Set(batch.map((queued) => queued.mutation.seq));
  const sorted = [...recordIds].sort();
  const [low] = sorted;
  const high = sorted.at(-1);
  let others: number[] = [];
  if (low !== undefined && high !== undefined) {
    const span = (await db.outbox.where('recordId').between(low, high, true, true).primaryKeys()) as number[];
    others = span.filter((seq) => !batchSeqs.has(seq));
    if (others.length > batch.length) {
      const byRecord = await Promise.all(
        sorted.map((id) => db.outbox.where('recordId').equals(id).primaryKeys() as Promise<number[]>),
      );
      others = byRecord.flat().filter((seq) => !batchSeqs.has(seq));
    }
  }
  const waiting = new Map<string, OutboxMutation[]>();
  // Nothing is awaited when there is nothing to read: a transaction commits once no request is
  // pending, and the caller still writes in this one.
  if (others.length === 0) return waiting;
  for (const m of await db.outbox.bulkGet(others.sort((a, b) => a - b))) {
    if (m && recordIds.has(m.recordId)) waiting.set(m.recordId, [...(waiting.get(m.recordId) ?? []), m]);
  }
  return waiting;
}

/**
 * Deletes these outbox rows, a run of neighbours in one request: a batch's settled mutations are
 * mostly such a run, and one range delete is far cheaper than a delete per row.
 */
export async function deleteSeqs(db: LocalDb, seqs: readonly number[]): Promise<void> {
  const doomed = new Set(seqs);
  const sorted = [...doomed].sort((a, b) => a - b);
  const [first] = sorted;
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return;
  const stored = (await db.outbox.where('seq').between(first, last, true, true).primaryKeys()) as number[];
  const runs: number[][] = [];
  let run: number[] = [];
  for (const seq of stored) {
    if (doomed.has(seq)) run.push(seq);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  const singles = runs.filter((r) => r.length === 1).flat();
  if (singles.length > 0) await db.outbox.bulkDelete(singles);
  for (const r of runs) {
    const [from] = r;
    const to = r.at(-1);
    if (r.length > 1 && from !== undefined && to !== undefined)
      await db.outbox.where('seq').between(from, to, true, true).delete();
  }
}
