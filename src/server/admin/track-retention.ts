/**
 * Retention of raw GPS points (issue 15 item 6): `npm run admin -- simplify-tracks` replaces the
 * points of every track segment first stored more than TRACK_RETENTION_DAYS ago with a
 * Douglas–Peucker simplification (domain/track-simplify.ts: each segment's first and last fix
 * kept, its length — the patrol's 里程 — within 1 %). The segment row is shared by every stored
 * copy of the record (track-store.ts), so the record, its kept revisions and the audit log's
 * copies all read the simplified track from then on; the patrol's rev is not moved, and phones keep
 * the copy they have until they pull the record again.
 *
 * Safe to rerun and to stop: each page of segments is simplified and audited in one transaction,
 * a simplified segment is marked and never simplified again, and a row another run took meanwhile
 * is skipped (the update is conditional).
 */
import type { Kysely } from 'kysely';
import { pointsLengthM, simplifyPoints } from '../../domain/track-simplify';
import { insertAuditEntry } from '../db/audit-log.repository';
import type { Database } from '../db/schema';
import { pointsOfStored, storedPoints } from '../db/track-store';
import type { AdminContext } from './admin-commands';

const PAGE = 200;

export interface SimplifiedTracks {
  /** Segments first stored before this moment were simplified. */
  storedBefore: string;
  segments: number;
  records: number;
  pointsBefore: number;
  pointsAfter: number;
  /** Summed segment lengths in metres, before and after: what 里程 on the phones is made of. */
  lengthBeforeM: number;
  lengthAfterM: number;
}

export async function simplifyOldTracks(ctx: AdminContext, retentionDays: number): Promise<SimplifiedTracks> {
  const now = ctx.now();
  const storedBefore = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const total: SimplifiedTracks = {
    storedBefore,
    segments: 0,
    records: 0,
    pointsBefore: 0,
    pointsAfter: 0,
    lengthBeforeM: 0,
    lengthAfterM: 0,
  };
  const records = new Set<string>();
  for (;;) {
    const page = await ctx.db
      .transaction()
      .execute((trx) => simplifyPage(trx, ctx, storedBefore, retentionDays));
    if (page === undefined) break;
    total.segments += page.segments;
    total.pointsBefore += page.pointsBefore;
    total.pointsAfter += page.pointsAfter;
    total.lengthBeforeM += page.lengthBeforeM;
    total.lengthAfterM += page.lengthAfterM;
    for (const id of page.recordIds) records.add(id);
  }
  total.records = records.size;
  return total;
}

/** One page simplified and audited; undefined when no segment is left to simplify. */
async function simplifyPage(
  trx: Kysely<Database>,
  ctx: AdminContext,
  storedBefore: string,
  retentionDays: number,
): Promise<(Omit<SimplifiedTracks, 'records' | 'storedBefore'> & { recordIds: string[] }) | undefined> {
  const rows = await trx
    .selectFrom('track_segments')
    .select(['record_id', 'key', 'points'])
    .where('simplified_at', 'is', null)
    .where('stored_at', '<', storedBefore)
    .orderBy('record_id')
    .orderBy('key')
    .limit(PAGE)
    .execute();
  if (rows.length === 0) return undefined;
  const at = ctx.now().toISOString();
  const page = { segments: 0, pointsBefore: 0, pointsAfter: 0, lengthBeforeM: 0, lengthAfterM: 0 };
  const recordIds = new Set<string>();
  for (const row of rows) {
    const raw = pointsOfStored(row.points);
    const kept = simplifyPoints(raw);
    const updated = await trx
      .updateTable('track_segments')
      .set({ points: storedPoints(kept).text, point_count: kept.length, simplified_at: at })
      .where('record_id', '=', row.record_id)
      .where('key', '=', row.key)
      .where('simplified_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) continue;
    page.segments += 1;
    page.pointsBefore += raw.length;
    page.pointsAfter += kept.length;
    page.lengthBeforeM += pointsLengthM(raw);
    page.lengthAfterM += pointsLengthM(kept);
    recordIds.add(row.record_id);
  }
  if (page.segments > 0) {
    await insertAuditEntry(trx, {
      at,
      userId: ctx.actor,
      action: 'admin.simplifyTracks',
      after: {
        retentionDays,
        storedBefore,
        segments: page.segments,
        records: [...recordIds],
        points: { before: page.pointsBefore, after: page.pointsAfter },
        lengthM: { before: Math.round(page.lengthBeforeM), after: Math.round(page.lengthAfterM) },
      },
    });
  }
  return { ...page, recordIds: [...recordIds] };
}
