/**
 * Retention of the audit log: it is append-only and kept at least 3 years (PIPL processing records,
 * DOMAIN.md §6.2 item 5). Nothing in the server updates or deletes audit rows; the only way out is
 * `npm run admin -- prune-audit --before DATE`, which refuses any date less than 3 years ago and
 * leaves a row saying what it removed. Track segments only the removed rows named (a deleted
 * record's track) go with them (track-store.ts).
 */
import type { Kysely } from 'kysely';
import { insertAuditEntry } from '../db/audit-log.repository';
import { lockPartitions, partitionsOfGrids } from '../db/counters.repository';
import type { Database } from '../db/schema';
import { chunks, MAX_IDS } from '../db/statement-chunks';
import { dropUnnamedSegments } from '../db/track-store';
import { type AdminContext, AdminError } from './admin-commands';

export const AUDIT_RETENTION_YEARS = 3;

/** The earliest day rows may be removed before: today (UTC) minus the retention years. */
export function earliestPruneDay(now: Date): string {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - AUDIT_RETENTION_YEARS);
  return limit.toISOString().slice(0, 10);
}

/** Removes audit rows older than `before` (YYYY-MM-DD, UTC) when that is at least 3 years ago. */
export async function pruneAudit(ctx: AdminContext, before: string): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(Date.parse(`${before}T00:00:00Z`)))
    throw new AdminError(`"${before}" is not a day (YYYY-MM-DD).`);
  const earliest = earliestPruneDay(ctx.now());
  if (before > earliest)
    throw new AdminError(
      `The audit log is kept at least ${AUDIT_RETENTION_YEARS} years: --before may be ${earliest} at the latest.`,
    );
  return ctx.db.transaction().execute(async (trx: Kysely<Database>) => {
    const records = await trx
      .selectFrom('audit_log')
      .select('record_id')
      .distinct()
      .where('at', '<', `${before}T00:00:00.000Z`)
      .where('record_id', 'is not', null)
      .execute();
    // Pushes to a record's street write under its counter lock (counters.repository.ts): holding
    // the locks of these records' streets, no push can name a segment of theirs (a restore bringing
    // a track back) between the read of what is still named and the delete of what is not.
    const ids = records.flatMap((row) => (row.record_id === null ? [] : [row.record_id]));
    const gridIds = new Set<string>();
    for (const chunk of chunks(ids, MAX_IDS)) {
      const rows = await trx
        .selectFrom('records')
        .select('grid_id')
        .distinct()
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) gridIds.add(row.grid_id);
    }
    if (gridIds.size > 0) await lockPartitions(trx, (await partitionsOfGrids(trx, [...gridIds])).values());
    const removed = await trx
      .deleteFrom('audit_log')
      .where('at', '<', `${before}T00:00:00.000Z`)
      .executeTakeFirst();
    const count = Number(removed.numDeletedRows ?? 0n);
    await dropUnnamedSegments(trx, ids);
    await insertAuditEntry(trx, {
      at: ctx.now().toISOString(),
      userId: ctx.actor,
      action: 'admin.pruneAudit',
      after: { before, removed: count },
    });
    return count;
  });
}
