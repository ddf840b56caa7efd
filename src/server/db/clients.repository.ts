import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Registers an unknown client id to the user; answers the owner and its acked seq. A client id
 * owned by another user comes back with that user's id, so the caller can refuse it.
 */
export async function claimClient(
  db: Kysely<Database>,
  clientId: string,
  userId: string,
): Promise<{ userId: string; ackedSeq: number }> {
  await db
    .insertInto('clients')
    .values({ id: clientId, user_id: userId, acked_seq: 0 })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('clients')
    .select(['user_id as userId', 'acked_seq as ackedSeq'])
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  return { userId: row.userId, ackedSeq: Number(row.ackedSeq) };
}

/** acked_seq = max(acked_seq, seq): a late retry of an older mutation never lowers it. */
export async function raiseAckedSeq(db: Kysely<Database>, clientId: string, seq: number): Promise<void> {
  await db
    .updateTable('clients')
    .set({ acked_seq: seq })
    .where('id', '=', clientId)
    .where('acked_seq', '<', seq)
    .execute();
}

/**
 * Locks the client's row until the transaction ends. A push takes it first on PostgreSQL, so one
 * client's pushes decide one after another whatever streets they touch: a mutation id the client
 * retries while its first try is still running is a duplicate, never a second apply or a conflict
 * with itself.
 */
export async function lockClient(db: Kysely<Database>, clientId: string): Promise<void> {
  await db
    .updateTable('clients')
    .set((eb) => ({ acked_seq: eb.ref('acked_seq') }))
    .where('id', '=', clientId)
    .execute();
}
