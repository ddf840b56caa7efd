/**
 * The server issues the 黄牌 and 红牌 (issue 12 §6): a device's clock may be wrong and a phone
 * offline for a week cannot issue anything, so only the server does, from the clock it stamped.
 *
 *   due rows (event_clocks.due_day < today: the index, not a scan of the records), a page at a
 *     │  time in (due_day, record_id) order, grouped by the partition of their grid
 *     │  (counters.repository.ts), at most CARD_BATCH events a transaction:
 *   lock the partition as a push does ──▶ read the events as stored now
 *   each: moved to another street since? ──▶ left for the next run (its row moved with it)
 *         cardsDue(event, now) none? ──▶ its row rewritten from the event (nothing to issue)
 *         each card a supervise step by SUPERVISION_ACTOR_ID (event-steps.ts), the change
 *         checked by checkEventChange like any pushed one, the record by the schema
 *   write: rev+1, the next change_seq of its street, revision row, audit row (`supervise`), its
 *          event_clocks row ── one transaction per batch: all of it or none
 *
 * Exactly once per step: the card is the event's `supervision`, raised in the same transaction as
 * the row that said it was due, under the street's lock, so whoever comes next — another process,
 * a rerun after a crash, a push — reads the event with the card and finds nothing due. A card
 * hands nothing over, so the step's stamped clock stays as it is (stampedClock keeps it).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { localDayOf } from '../../domain/due-dates';
import { type EventActor, SUPERVISION_ACTOR_ID, SUPERVISION_ACTOR_NAME } from '../../domain/event-access';
import { checkEventChange } from '../../domain/event-change';
import { takeEventStep } from '../../domain/event-steps';
import { CARD_OPINIONS, cardsDue } from '../../domain/event-supervision';
import type { GridEventBody } from '../../domain/grid-event';
import type { MutationResult } from '../../domain/protocol';
import { type GridRecord, recordSchema } from '../../domain/record-envelope';
import { type AuditEntry, insertAuditEntries } from '../db/audit-log.repository';
import { lockPartitions, partitionsOfGrids, takeChangeSeqs } from '../db/counters.repository';
import { type DueClock, findDueEventClocks, saveEventClocks } from '../db/event-clocks.repository';
import { findRecords, insertRevisions, updateRecords } from '../db/records.repository';
import type { Database } from '../db/schema';
import { chunks } from '../db/statement-chunks';

/** Events per transaction: a batch holds its street's lock, so pushes there wait at most one batch. */
export const CARD_BATCH = 200;
/** Due rows read per page. */
const PAGE = 1_000;

const SUPERVISION: EventActor = { id: SUPERVISION_ACTOR_ID, role: 'system' };

export interface CardsIssued {
  /** Cards issued, and the events they were issued on (an event may take a yellow and a red at once). */
  cards: number;
  events: number;
}

export interface IssueOptions {
  /** Only these events (right after a push wrote them); every due event when absent. */
  recordIds?: readonly string[];
  /** Events per transaction (CARD_BATCH). */
  batchSize?: number;
  /** After each committed batch, with the totals so far: the job renews its lease here. */
  afterBatch?: (issued: CardsIssued) => Promise<void> | void;
}

/** Issues every card due at `now` (the server's clock), each once. */
export async function issueDueCards(
  db: Kysely<Database>,
  now: Date,
  options: IssueOptions = {},
): Promise<CardsIssued> {
  const today = localDayOf(now);
  const issued: CardsIssued = { cards: 0, events: 0 };
  let after: { dueDay: string; recordId: string } | undefined;
  for (;;) {
    const due = await findDueEventClocks(db, { today, limit: PAGE, after, recordIds: options.recordIds });
    const last = due.at(-1);
    if (!last) return issued;
    after = { dueDay: last.due_day, recordId: last.record_id };
    const partitions = await partitionsOfGrids(db, [...new Set(due.map((row) => row.grid_id))]);
    const byPartition = new Map<string, DueClock[]>();
    for (const row of due) {
      const partition = partitions.get(row.grid_id) ?? '';
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), row]);
    }
    for (const [partition, rows] of byPartition) {
      for (const batch of chunks(rows, options.batchSize ?? CARD_BATCH)) {
        const done = await db.transaction().execute((trx) => issueBatch(trx, partition, batch, now));
        issued.cards += done.cards;
        issued.events += done.events;
        await options.afterBatch?.({ ...issued });
      }
    }
    if (due.length < PAGE) return issued;
  }
}

async function issueBatch(
  trx: Kysely<Database>,
  partition: string,
  rows: readonly DueClock[],
  now: Date,
): Promise<CardsIssued> {
  await lockPartitions(trx, [partition]);
  const stored = await findRecords(
    trx,
    rows.map((row) => row.record_id),
  );
  // A record moved to another grid after its row was read is issued here only if the grid is in
  // the street this batch locked; else its row, rewritten by the move, brings it up next run.
  const movedGrids = rows.flatMap((row) => {
    const gridId = stored.get(row.record_id)?.gridId;
    return gridId !== undefined && gridId !== row.grid_id ? [gridId] : [];
  });
  const movedTo =
    movedGrids.length > 0 ? await partitionsOfGrids(trx, movedGrids) : new Map<string, string>();
  const at = now.toISOString();
  const written: { before: GridRecord; after: GridRecord }[] = [];
  const stale: GridRecord[] = [];
  let cards = 0;
  for (const row of rows) {
    const record = stored.get(row.record_id);
    if (!record) continue;
    if (record.gridId !== row.grid_id && movedTo.get(record.gridId) !== partition) continue;
    if (record.kind !== 'gridEvent' || record.deleted) {
      stale.push(record);
      continue;
    }
    const due = cardsDue(record.body, now);
    const body = due.length > 0 ? carded(record.body, due, now) : undefined;
    if (!body) {
      stale.push(record);
      continue;
    }
    const next = z.safeParse(recordSchema, {
      ...record,
      rev: record.rev + 1,
      updatedAt: at,
      updatedBy: SUPERVISION_ACTOR_ID,
      body,
    });
    if (!next.success) {
      console.warn(`supervision: the card on event ${record.id} makes an invalid record; not issued`);
      stale.push(record);
      continue;
    }
    written.push({ before: record, after: next.data });
    cards += due.length;
  }
  if (written.length > 0) {
    const lastSeq = await takeChangeSeqs(trx, partition, written.length);
    const first = lastSeq - written.length + 1;
    await updateRecords(
      trx,
      written.map(({ after }, index) => ({ record: after, changeSeq: first + index, receivedAt: at })),
    );
    await insertRevisions(
      trx,
      written.map(({ after }) => after),
      at,
    );
    const entries: AuditEntry[] = written.map(({ before, after }) => ({
      at,
      userId: SUPERVISION_ACTOR_ID,
      action: 'supervise',
      recordId: after.id,
      kind: after.kind,
      before,
      after,
    }));
    await insertAuditEntries(trx, entries);
  }
  await saveEventClocks(trx, [...written.map(({ after }) => after), ...stale]);
  return { cards, events: written.length };
}

/** The event with each due card taken as a supervise step, or undefined if the workflow refuses one. */
function carded(
  body: GridEventBody,
  due: readonly ('yellow' | 'red')[],
  now: Date,
): GridEventBody | undefined {
  const context = { now, departmentIds: new Set<string>() };
  let next = body;
  for (const card of due) {
    const step = {
      event: { type: 'supervise' as const, level: card, note: CARD_OPINIONS[card] },
      logId: randomUUID(),
      at: now.toISOString(),
      byName: SUPERVISION_ACTOR_NAME,
    };
    const taken = takeEventStep(next, SUPERVISION, step, context);
    if (!taken.ok) {
      console.warn(`supervision: ${card} card refused by the workflow (${taken.reason}); not issued`);
      return undefined;
    }
    next = taken.body;
  }
  const check = checkEventChange(body, next, SUPERVISION, context);
  if (!check.ok) {
    console.warn(`supervision: the card change was refused (${check.reason} @ ${check.path}); not issued`);
    return undefined;
  }
  return next;
}

/**
 * Right after a push committed: the cards its events have already earned (one reported offline a
 * week ago arrives late). A failure here is the job's to make up, never the push's: the push is
 * committed and answered as applied.
 */
export async function issueCardsAfterPush(
  db: Kysely<Database>,
  now: Date,
  results: readonly MutationResult[],
): Promise<void> {
  const ids = results.flatMap((result) =>
    (result.status === 'applied' || result.status === 'merged') && result.record?.kind === 'gridEvent'
      ? [result.record.id]
      : [],
  );
  if (ids.length === 0) return;
  try {
    await issueDueCards(db, now, { recordIds: ids });
  } catch (error) {
    console.warn('supervision: the cards due after a push were not issued; the job will:', error);
  }
}
