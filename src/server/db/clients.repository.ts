import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { chunks, MAX_IDS } from './statement-chunks';

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

/** Keeps what the device says it holds unsynced now (a pull's `unsynced`), with the server's time. */
export async function reportUnsynced(
  db: Kysely<Database>,
  clientId: string,
  unsynced: number,
  at: string,
): Promise<void> {
  await db.updateTable('clients').set({ unsynced, unsynced_at: at }).where('id', '=', clientId).execute();
}

export interface UnsyncedReport {
  userId: string;
  name: string;
  /** Summed over the user's devices: each one's last report. */
  records: number;
  /** The newest of those reports. */
  reportedAt: string;
}

/** Which of `userIds` last reported unsynced records from their devices, most records first. */
export async function listUnsyncedReports(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<UnsyncedReport[]> {
  const rows = [];
  for (const chunk of chunks([...new Set(userIds)], MAX_IDS)) {
    rows.push(
      ...(await db
        .selectFrom('clients')
        .innerJoin('users', 'users.id', 'clients.user_id')
        .select(['users.id as userId', 'users.name as name', 'clients.unsynced', 'clients.unsynced_at'])
        .where('clients.unsynced', '>', 0)
        .where('clients.user_id', 'in', chunk)
        .execute()),
    );
  }
  const byUser = new Map<string, UnsyncedReport>();
  for (const row of rows) {
    const records = Number(row.unsynced ?? 0);
    const at = row.unsynced_at ?? '';
    const seen = byUser.get(row.userId);
    if (!seen) byUser.set(row.userId, { userId: row.userId, name: row.name, records, reportedAt: at });
    else {
      seen.records += records;
      if (Date.parse(at) > Date.parse(seen.reportedAt)) seen.reportedAt = at;
    }
  }
  return [...byUser.values()].sort((a, b) => b.records - a.records || a.name.localeCompare(b.name, 'zh-CN'));
}
