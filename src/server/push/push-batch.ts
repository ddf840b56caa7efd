/**
 * One push batch, set-based: everything the decisions may look at is read with a few statements
 * (the seen mutation ids, the existing records, the kept revisions stale edits need, the photo
 * references), the batch decides in memory in order (decide-mutation.ts), each decision updating
 * the working state the next one sees, and what was decided is written with one multi-row
 * statement per table. Call it inside the push transaction, after the locks (apply-mutation.ts),
 * so what it read cannot change before it writes.
 */
import type { Kysely } from 'kysely';
import type { StreetSubcategory } from '../../domain/event-categories';
import {
  type EventTimeLimitOverrides,
  type EventTimeLimits,
  eventTimeLimits,
} from '../../domain/event-supervision';
import { withoutPersonalData } from '../../domain/personal-fields';
import type { MutationResult } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { type AuditEntry, insertAuditEntries } from '../db/audit-log.repository';
import { raiseAckedSeq } from '../db/clients.repository';
import { takeChangeSeqs } from '../db/counters.repository';
import { saveEventClocks } from '../db/event-clocks.repository';
import { findSubcategoriesOfGrids } from '../db/event-subcategories.repository';
import { findEventTimeLimitsOfGrids } from '../db/event-time-limits.repository';
import {
  findMutations,
  insertMutations,
  type NewMutation,
  rewriteStoredResults,
  type StoredMutation,
} from '../db/mutations.repository';
import { departmentIdsOfGrids } from '../db/orgs.repository';
import {
  findRecords,
  findRevisions,
  insertRecordRows,
  insertRevisions,
  recordDepartures,
  revisionKey,
  rewriteRevisions,
  updateRecords,
} from '../db/records.repository';
import type { Database } from '../db/schema';
import { PushPhotoRefs } from '../photos/push-photo-refs';
import type { BatchView, Decision, ParsedMutation, Pusher } from './decide-mutation';

/** The change partition of a grid the push locked (counters.repository.ts); undefined if it did not. */
export type PartitionOf = (gridId: string) => string | undefined;

interface Write {
  record: GridRecord;
  existing: GridRecord | undefined;
  entry: AuditEntry;
}

export class PushBatch implements BatchView {
  readonly #records: Map<string, GridRecord>;
  /** Kept revisions read or written by the batch; a key read but not found is in #readRevisions only. */
  readonly #revisions: Map<string, GridRecord>;
  readonly #readRevisions: Set<string>;
  readonly #seen: Map<string, StoredMutation>;
  readonly #writes: Write[] = [];
  readonly #newRevisions: string[] = [];
  readonly #remembered: Omit<NewMutation, 'result'>[] = [];
  /** Records the batch deleted: their revisions and stored results from before it are erased too. */
  readonly #deleted = new Set<string>();
  #ackedSeq = 0;
  #photoRefs: PushPhotoRefs | undefined;
  /** The departments of the streets of the batch's events (read only when it has events). */
  #departments = new Map<string, Set<string>>();
  /** The 上报事件 time limits the streets of the batch's events set, by grid. */
  #eventLimits = new Map<string, EventTimeLimitOverrides>();
  #subcategories = new Map<string, StreetSubcategory[]>();

  private readonly pusher: Pusher;
  /** The batch's records as stored before it. */
  private readonly stored: ReadonlyMap<string, GridRecord>;

  private constructor(
    pusher: Pusher,
    stored: ReadonlyMap<string, GridRecord>,
    seen: Map<string, StoredMutation>,
    revisions: { found: Map<string, GridRecord>; read: Set<string> },
  ) {
    this.pusher = pusher;
    this.stored = stored;
    this.#records = new Map(stored);
    this.#seen = seen;
    this.#revisions = revisions.found;
    this.#readRevisions = revisions.read;
  }

  static async load(
    db: Kysely<Database>,
    pusher: Pusher,
    batch: readonly ParsedMutation[],
  ): Promise<PushBatch> {
    const seen = await findMutations(
      db,
      batch.map(({ mutation }) => mutation.id),
    );
    const pushed = batch.flatMap((parsed) => ('record' in parsed ? [parsed.record] : []));
    const stored = await findRecords(db, [...new Set(pushed.map((record) => record.id))]);
    // Replays answer with the revision a stored result names; stale edits merge against theirs.
    const replayed = [...seen.values()].filter((s) => !s.result.record && s.result.rev !== undefined);
    const revisionKeys = [
      ...neededRevisions(batch, stored),
      ...replayed.map((s) => ({ id: s.recordId, rev: s.result.rev ?? 0 })),
    ];
    const found = revisionKeys.length > 0 ? await findRevisions(db, revisionKeys) : new Map();
    const read = new Set(revisionKeys.map((key) => revisionKey(key.id, key.rev)));
    for (const [id, s] of seen) {
      if (s.result.record || s.result.rev === undefined) continue;
      const record = found.get(revisionKey(s.recordId, s.result.rev));
      if (!record)
        throw new Error(`Mutation ${id} names revision ${s.result.rev} of ${s.recordId}, which is not kept`);
      seen.set(id, { ...s, result: { ...s.result, record } });
    }
    const state = new PushBatch(pusher, stored, seen, { found, read });
    // The stored grid too: a merge keeps the server's grid when only another user moved the event.
    const eventGrids = [...pushed, ...stored.values()]
      .filter((record) => record.kind === 'gridEvent')
      .map((record) => record.gridId);
    if (eventGrids.length > 0) {
      state.#departments = await departmentIdsOfGrids(db, eventGrids);
      state.#eventLimits = await findEventTimeLimitsOfGrids(db, eventGrids);
      state.#subcategories = await findSubcategoriesOfGrids(db, eventGrids);
    }
    state.#photoRefs = await PushPhotoRefs.load(db, pusher.user, { pushed, stored: stored.values() }, (id) =>
      state.record(id),
    );
    return state;
  }

  seen(mutationId: string): StoredMutation | undefined {
    return this.#seen.get(mutationId);
  }

  departmentIds(gridId: string): ReadonlySet<string> {
    return this.#departments.get(gridId) ?? new Set();
  }

  eventSubcategories(gridId: string): readonly StreetSubcategory[] {
    return this.#subcategories.get(gridId) ?? [];
  }

  eventTimeLimits(gridId: string, categoryL1: string): EventTimeLimits {
    return eventTimeLimits(this.#eventLimits.get(gridId) ?? {}, categoryL1);
  }

  record(id: string): GridRecord | undefined {
    return this.#records.get(id);
  }

  revision(id: string, rev: number): GridRecord | undefined {
    const key = revisionKey(id, rev);
    const kept = this.#revisions.get(key);
    // Every revision above the stored rev was written by this batch, so it is here if it exists.
    if (kept || this.#readRevisions.has(key) || rev > (this.stored.get(id)?.rev ?? 0)) return kept;
    throw new Error(`Revision ${rev} of ${id} was not read before the push decided`);
  }

  /** Takes the decision into the working state; answers the mutation's result. */
  apply(parsed: ParsedMutation, decision: Decision): MutationResult {
    const { mutation } = parsed;
    if (decision.kind === 'answer') return decision.result;
    if (decision.kind === 'remember') return this.#remember(parsed, 'applied', decision.record);

    const { record, existing } = decision;
    this.#records.set(record.id, record);
    const key = revisionKey(record.id, record.rev);
    this.#revisions.set(key, record);
    this.#newRevisions.push(key);
    this.#photoRefs?.track(existing, record);
    if (record.deleted) this.#erase(record.id);
    this.#writes.push({
      record,
      existing,
      entry: {
        at: this.pusher.now.toISOString(),
        userId: this.pusher.user.id,
        clientId: this.pusher.clientId,
        action: decision.action,
        recordId: record.id,
        kind: record.kind,
        before: existing ?? null,
        after: record,
        ...(mutation.madeOffline !== undefined && { offline: mutation.madeOffline }),
      },
    });
    return this.#remember(parsed, decision.status, record);
  }

  /** The grids of the batch's records as stored before it. */
  storedGridIds(): string[] {
    return [...this.stored.values()].map((record) => record.gridId);
  }

  /**
   * Writes what the batch decided: one multi-row statement per table, in its transaction. Each
   * write takes the next number of its record's partition; a move out of another partition takes
   * one of that partition too, for the departure its readers are told of.
   */
  async write(db: Kysely<Database>, partitionOf: PartitionOf): Promise<void> {
    const receivedAt = this.pusher.now.toISOString();
    const partition = (gridId: string): string => {
      const found = partitionOf(gridId);
      if (found === undefined) throw new Error(`The push wrote grid ${gridId} without its street's lock`);
      return found;
    };
    const planned = this.#writes.map(({ record, existing }) => {
      const to = partition(record.gridId);
      const from = existing && existing.gridId !== record.gridId ? partition(existing.gridId) : undefined;
      return { record, existing, to, from };
    });
    const needed = new Map<string, number>();
    for (const { to, from } of planned) {
      needed.set(to, (needed.get(to) ?? 0) + 1);
      if (from !== undefined && from !== to) needed.set(from, (needed.get(from) ?? 0) + 1);
    }
    const next = new Map<string, number>();
    for (const [name, count] of needed) next.set(name, (await takeChangeSeqs(db, name, count)) - count + 1);
    const take = (name: string): number => {
      const seq = next.get(name) as number;
      next.set(name, seq + 1);
      return seq;
    };
    // Numbers in decision order within each partition; a record written twice keeps its last.
    const latest = new Map<string, { record: GridRecord; changeSeq: number; receivedAt: string }>();
    const departures = new Map<string, { recordId: string; gridId: string; changeSeq: number }>();
    for (const { record, existing, to, from } of planned) {
      const changeSeq = take(to);
      latest.set(record.id, { record, changeSeq, receivedAt });
      if (existing && from !== undefined) {
        const key = `${record.id}\u0000${existing.gridId}`;
        const departureSeq = from === to ? changeSeq : take(from);
        departures.set(key, { recordId: record.id, gridId: existing.gridId, changeSeq: departureSeq });
      }
    }
    const rows = [...latest.values()];
    await insertRecordRows(
      db,
      rows.filter(({ record }) => !this.stored.has(record.id)),
    );
    await updateRecords(
      db,
      rows.filter(({ record }) => this.stored.has(record.id)),
    );
    await recordDepartures(db, [...departures.values()]);
    await saveEventClocks(
      db,
      rows.map(({ record }) => record),
    );

    // Before this batch's own rows go in: those were erased in memory when their record was deleted.
    const erased = [...this.#deleted].filter((id) => this.stored.has(id));
    if (erased.length > 0) {
      await rewriteRevisions(db, erased, withoutPersonalData, receivedAt);
      await rewriteStoredResults(db, erased, withoutPersonalData);
    }
    await insertRevisions(
      db,
      this.#newRevisions.map((key) => this.#revisions.get(key) as GridRecord),
      receivedAt,
    );
    await this.#photoRefs?.write(db);
    await insertAuditEntries(
      db,
      this.#writes.map(({ entry }) => entry),
    );
    await insertMutations(
      db,
      this.#remembered.map((m) => ({ ...m, result: (this.#seen.get(m.id) as StoredMutation).result })),
    );
    if (this.#ackedSeq > 0) await raiseAckedSeq(db, this.pusher.clientId, this.#ackedSeq);
  }

  /** The mutation's first result, answered as `duplicate` to a replay (also later in this batch). */
  #remember(parsed: ParsedMutation, status: 'applied' | 'merged', record: GridRecord): MutationResult {
    const { mutation } = parsed;
    const result: MutationResult = { id: mutation.id, status, rev: record.rev, record };
    const userId = this.pusher.user.id;
    this.#seen.set(mutation.id, { userId, recordId: record.id, result });
    this.#remembered.push({
      id: mutation.id,
      clientId: this.pusher.clientId,
      seq: mutation.seq,
      userId,
      recordId: record.id,
      at: this.pusher.now.toISOString(),
    });
    this.#ackedSeq = Math.max(this.#ackedSeq, mutation.seq);
    return result;
  }

  /** A delete erases the record's personal data from its kept revisions and stored results too. */
  #erase(recordId: string): void {
    this.#deleted.add(recordId);
    for (const [key, envelope] of this.#revisions) {
      if (envelope.id === recordId) this.#revisions.set(key, withoutPersonalData(envelope));
    }
    for (const [id, stored] of this.#seen) {
      if (stored.recordId === recordId && stored.result.record) {
        const record = withoutPersonalData(stored.result.record);
        this.#seen.set(id, { ...stored, result: { ...stored.result, record } });
      }
    }
  }
}

/**
 * The kept revisions a stale edit of the batch may merge against: base revisions at or below the
 * stored rev (higher ones the batch writes itself), except where the edit is at the stored rev and
 * nothing before it in the batch touches its record (it is then written without a merge).
 */
function neededRevisions(
  batch: readonly ParsedMutation[],
  stored: ReadonlyMap<string, GridRecord>,
): { id: string; rev: number }[] {
  const keys = new Map<string, { id: string; rev: number }>();
  const touched = new Set<string>();
  for (const parsed of batch) {
    if (!('record' in parsed)) continue;
    const { mutation, record } = parsed;
    const current = stored.get(record.id);
    const first = !touched.has(record.id);
    touched.add(record.id);
    if (!current || mutation.op !== 'upsert' || mutation.baseRev <= 0 || mutation.baseRev > current.rev)
      continue;
    if (first && mutation.baseRev === current.rev) continue;
    keys.set(revisionKey(record.id, mutation.baseRev), { id: record.id, rev: mutation.baseRev });
  }
  return [...keys.values()];
}
