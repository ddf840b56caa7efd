/**
 * Migration 0015: tracks stored inline — in records, kept revisions and the audit log's before and
 * after — move to track_segments, once per record and segment, and every copy reads back exactly as
 * it was stored (the server's reads and a pull answer the same JSON). Bodies without a track and
 * audit rows that are not records keep their bytes.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { encodeTrackPoints } from '../../src/domain/track-codec';
import { findRecordHistory } from '../../src/server/db/audit-log.repository';
import { findRecord, findRevisions, revisionKey } from '../../src/server/db/records.repository';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1 } from '../support/test-server';
import { walkedTrack } from '../support/walked-track';
import { migratedFrom, oldRecordRow } from './migration-fixture';

const AUTHOR = 'demo-hb-grid01';

function patrolAt(rev: number, base: PatrolRecord, track: PatrolRecord['body']['track']): PatrolRecord {
  const body = { ...base.body, ...(track && { track }) };
  // 08:00 in Beijing is midnight UTC: the earliest copy, though later as text than the audit's 01:00Z.
  return { ...base, rev, body, updatedAt: `2026-11-2${rev}T08:00:00.000+08:00` };
}

describe.each(DIALECTS)('0015_tracks_segments (%s)', (dialect) => {
  it('moves every stored track to track_segments, losslessly, and keeps the rest as it was', async () => {
    const base = samplePatrol(randomUUID(), HUBIN_GRID_1, AUTHOR);
    const track = walkedTrack(Date.parse('2026-11-20T01:30:00.000Z'), 900);
    // A fix the codec cannot hold exactly: its segment is kept as JSON.
    const odd = { id: randomUUID(), points: [[118.7481234567, 32.2274, 1_763_602_200_000, 7.5]] };
    const longer = [...track, odd] as NonNullable<PatrolRecord['body']['track']>;
    const revisions = [patrolAt(1, base, undefined), patrolAt(2, base, track), patrolAt(3, base, longer)];
    const current = revisions[2] as PatrolRecord;
    const plain = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, AUTHOR), rev: 1 };
    const auditAt = ['2026-11-21T01:00:00.000Z', '2026-11-22T01:00:00.000Z', '2026-11-23T01:00:00.000Z'];
    const admin = { before: null, after: JSON.stringify({ before: '2023-01-01', removed: 0 }) };

    const { db, drop } = await migratedFrom(dialect, '0014_clean_stored_text', async (old) => {
      await old
        .insertInto('records')
        .values([
          { ...oldRecordRow(current, 3), received_at: '2026-11-23T01:00:00.000Z' },
          { ...oldRecordRow(plain, 4), received_at: plain.updatedAt },
        ])
        .execute();
      await old
        .insertInto('record_revisions')
        .values(
          [...revisions, plain].map((r) => ({ record_id: r.id, rev: r.rev, envelope: JSON.stringify(r) })),
        )
        .execute();
      await old
        .insertInto('audit_log')
        .values([
          ...revisions.map((after, i) => ({
            id: randomUUID(),
            at: auditAt[i],
            user_id: AUTHOR,
            action: i === 0 ? 'create' : 'update',
            record_id: base.id,
            kind: 'patrol',
            before: i === 0 ? null : JSON.stringify(revisions[i - 1]),
            after: JSON.stringify(after),
          })),
          { id: randomUUID(), at: auditAt[0], user_id: 'cli:root', action: 'admin.pruneAudit', ...admin },
        ])
        .execute();
    });
    try {
      // One row per distinct segment, in track-codec's form (JSON for the odd one), first seen at
      // rev 2 (the odd one at rev 3), stored_at in UTC.
      const segments = await db.selectFrom('track_segments').selectAll().execute();
      expect(segments).toHaveLength(track.length + 1);
      expect(segments.every((s) => s.record_id === base.id && s.simplified_at === null)).toBe(true);
      const texts = segments.map((s) => s.points).sort();
      const expected = [...track.map((s) => encodeTrackPoints(s.points)), JSON.stringify(odd.points)];
      expect(texts).toEqual(expected.sort());
      const oddRow = segments.find((s) => s.points.startsWith('['));
      expect(oddRow?.stored_at).toBe('2026-11-23T00:00:00.000Z');
      for (const s of segments.filter((row) => row !== oddRow))
        expect(s.stored_at).toBe('2026-11-22T00:00:00.000Z');

      // No stored copy holds a point any more; each reads back exactly as it was.
      const stored = await db.selectFrom('records').select(['id', 'body']).execute();
      expect(stored.find((r) => r.id === base.id)?.body).not.toContain('118.748');
      expect(stored.find((r) => r.id === plain.id)?.body).toBe(JSON.stringify(plain.body));
      expect(await findRecord(db, base.id)).toEqual(current);
      const kept = await findRevisions(
        db,
        revisions.map((r) => ({ id: r.id, rev: r.rev })),
      );
      for (const r of revisions) expect(kept.get(revisionKey(r.id, r.rev))).toEqual(r);
      const rawRevisions = await db.selectFrom('record_revisions').select('envelope').execute();
      for (const row of rawRevisions) expect(row.envelope).not.toContain('118.748');

      const history = await findRecordHistory(db, base.id);
      expect(history.map((entry) => entry.after)).toEqual(revisions);
      expect(history.map((entry) => entry.before)).toEqual([null, revisions[0], revisions[1]]);
      const rawAudit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).execute();
      for (const row of rawAudit) expect(`${row.before}${row.after}`).not.toContain('118.748');
      const adminRow = rawAudit.find((row) => row.action === 'admin.pruneAudit');
      expect(adminRow).toEqual({ action: 'admin.pruneAudit', ...admin });
    } finally {
      await drop();
    }
  });
});
