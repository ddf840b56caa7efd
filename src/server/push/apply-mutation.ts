/**
 * Applies a pushed batch: decide-mutation.ts decides (the diagram of the rules is there),
 * push-batch.ts reads and writes the whole batch set-based.
 */
import type { Kysely } from 'kysely';
import type { MutationResult } from '../../domain/protocol';
import { lockChangeCounter } from '../db/counters.repository';
import type { Database } from '../db/schema';
import {
  decideMutation,
  type ParsedMutation,
  type PushedMutation,
  type Pusher,
  parseMutation,
} from './decide-mutation';
import { PushBatch } from './push-batch';

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

function applyBatch(
  db: Kysely<Database>,
  pusher: Pusher,
  parsed: readonly ParsedMutation[],
): Promise<MutationResult[]> {
  return db.transaction().execute(async (trx) => {
    await lockChangeCounter(trx);
    const batch = await PushBatch.load(trx, pusher, parsed);
    const results = parsed.map((one) => batch.apply(one, decideMutation(pusher, one, batch)));
    await batch.write(trx);
    return results;
  });
}
