/**
 * Applies a pushed batch: decide-mutation.ts decides (the diagram of the rules is there),
 * push-batch.ts reads and writes the whole batch set-based.
 */
import type { Kysely } from 'kysely';
import type { MutationResult } from '../../domain/protocol';
import { lockClient } from '../db/clients.repository';
import {
  BASE_PARTITION,
  lockPartitions,
  partitionsByStreet,
  partitionsOfGrids,
} from '../db/counters.repository';
import { findRecordGrids } from '../db/records.repository';
import type { Database } from '../db/schema';
import {
  decideMutation,
  type ParsedMutation,
  type PushedMutation,
  type Pusher,
  parseMutation,
} from './decide-mutation';
import { type PartitionOf, PushBatch } from './push-batch';

export type { PushedMutation, Pusher } from './decide-mutation';

/**
 * Decides and applies a batch in ONE transaction (a commit per batch, not per mutation, is what
 * makes a 500-mutation push fast). If anything unexpected throws, the batch rolls back whole and
 * each mutation is tried in its own transaction, so one bad mutation cannot block the others.
 */
export async function applyMutations(
  db: Kysely<Database>,
  pusher: Pusher,
  mutations: readonly PushedMutation[],
): Promise<MutationResult[]> {
  // Validation needs nothing from the database: done before the lock, so the lock is held shorter.
  const parsed = mutations.map(parseMutation);
  try {
    return await applyBatch(db, pusher, parsed);
  } catch {
    const results: MutationResult[] = [];
    for (const one of parsed) results.push(...(await applyBatch(db, pusher, [one])));
    return results;
  }
}

/** How often a batch starts over when a record it reads moved streets between its lock and its read. */
const MAX_LOCK_ATTEMPTS = 5;

async function applyBatch(
  db: Kysely<Database>,
  pusher: Pusher,
  parsed: readonly ParsedMutation[],
): Promise<MutationResult[]> {
  for (let attempt = 1; ; attempt++) {
    const results = await db.transaction().execute(async (trx) => {
      const partitionOf = await lockBatch(trx, pusher, parsed);
      const batch = await PushBatch.load(trx, pusher, parsed);
      // A record read here whose street was not locked was moved by a push that committed after
      // this one looked: nothing is written, and the batch starts over with that street locked.
      if (batch.storedGridIds().some((gridId) => partitionOf(gridId) === undefined)) return undefined;
      const decided = parsed.map((one) => batch.apply(one, decideMutation(pusher, one, batch)));
      await batch.write(trx, partitionOf);
      return decided;
    });
    if (results) return results;
    if (attempt >= MAX_LOCK_ATTEMPTS) throw new Error('Records of the push kept moving between streets');
  }
}

/**
 * Takes the locks the batch decides under and answers the partition of every grid it may write
 * (counters.repository.ts); a grid it did not lock has none. SQLite: the one counter row, as
 * before partitions (it runs one writer at a time anyway). PostgreSQL: the client's row (its retries decide one at a time), then the street of every
 * pushed grid in the pusher's scope (others are refused unwritten) and of every pushed record's
 * stored grid, so two pushes that may touch the same record wait for each other, and pushes to
 * other streets do not wait at all. Photo proofs may read records of other streets as last
 * committed: a proof is what the pusher could read when it pushed, which a delete committing
 * elsewhere meanwhile does not undo.
 */
async function lockBatch(
  trx: Kysely<Database>,
  pusher: Pusher,
  parsed: readonly ParsedMutation[],
): Promise<PartitionOf> {
  const records = parsed.flatMap((one) => ('record' in one ? [one.record] : []));
  if (!partitionsByStreet(trx)) {
    await lockPartitions(trx, [BASE_PARTITION]);
    return () => BASE_PARTITION;
  }
  await lockClient(trx, pusher.clientId);
  const scope = new Set(pusher.user.scope.gridIds);
  const stored = await findRecordGrids(trx, [...new Set(records.map((record) => record.id))]);
  const grids = [...records.map((record) => record.gridId).filter((id) => scope.has(id)), ...stored.values()];
  const partitions = await partitionsOfGrids(trx, [...new Set(grids)]);
  await lockPartitions(trx, partitions.values());
  return (gridId) => partitions.get(gridId);
}
