/**
 * `npm run admin -- simplify-tracks`: raw GPS points are kept TRACK_RETENTION_DAYS (90 by default)
 * after the server first stored them, then simplified (domain/track-simplify.ts) in every copy of
 * the record at once; younger tracks are not touched; each run is audited; a rerun changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PatrolBody, TrackSegment } from '../../src/domain/patrol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { pointsLengthM } from '../../src/domain/track-simplify';
import { findRecordHistory } from '../../src/server/db/audit-log.repository';
import { findRecord, findRevisions, revisionKey } from '../../src/server/db/records.repository';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { walkedTrack } from '../support/walked-track';
import { adminRunner, lent } from './admin-runner';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-26T08:00:00.000Z');

describe.each(DIALECTS)('track retention (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const admin = (...argv: string[]) =>
    adminRunner(
      async () => lent(server.db),
      () => server.clock.now,
    )(...argv);

  /** A patrol with its track pushed (rev 1) and then submitted (rev 2), at the server's clock now. */
  const pushPatrol = async (track: TrackSegment[]) => {
    const who = await server.login('hb-grid01');
    const base = samplePatrol(randomUUID(), HUBIN_GRID_1, who.user.id);
    const patrol = { ...base, body: { ...base.body, track } as PatrolBody };
    const clientId = randomUUID();
    const first = await server.push(who.token, clientId, [mutation(patrol)]);
    const created = first.body.results[0].record as PatrolRecord;
    const edited = { ...created, body: { ...created.body, householdsVisited: 13 } };
    const second = await server.push(who.token, clientId, [mutation(edited, { baseRev: created.rev })]);
    expect(second.body.results[0].status).toBe('applied');
    return { record: second.body.results[0].record as PatrolRecord, clientId };
  };

  const simplifyAudits = () =>
    server.db.selectFrom('audit_log').selectAll().where('action', '=', 'admin.simplifyTracks').execute();

  it('simplifies only tracks stored longer ago than the retention, everywhere, once, audited', async () => {
    // The demo data's tracks were stored at T0, the old patrol's 10 days later, the young one's at 60.
    server.clock.now = new Date(T0 + 10 * DAY);
    const oldTrack = walkedTrack(T0 + 9 * DAY, 1200);
    const old = await pushPatrol(oldTrack);
    server.clock.now = new Date(T0 + 60 * DAY);
    const youngTrack = walkedTrack(T0 + 59 * DAY, 600);
    const young = await pushPatrol(youngTrack);

    // At 95 days only the demo tracks are past 90 days: the old patrol (85 days) is not touched.
    server.clock.now = new Date(T0 + 95 * DAY);
    const demo = await admin('simplify-tracks');
    expect(demo.out).toContain(
      `first stored before ${new Date(T0 + 5 * DAY).toISOString()} (retention 90 days)`,
    );
    expect(await findRecord(server.db, old.record.id)).toEqual(old.record);
    expect(await findRecord(server.db, young.record.id)).toEqual(young.record);
    const demoAudits = (await simplifyAudits()).length;

    server.clock.now = new Date(T0 + 101 * DAY);

    vi.stubEnv('TRACK_RETENTION_DAYS', 'ninety');
    const refused = await admin('simplify-tracks');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('TRACK_RETENTION_DAYS must be a whole number of days');
    expect(await simplifyAudits()).toHaveLength(demoAudits);
    expect(await findRecord(server.db, old.record.id)).toEqual(old.record);

    vi.stubEnv('TRACK_RETENTION_DAYS', '90');
    const run = await admin('simplify-tracks');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      new RegExp(
        `^Simplified ${oldTrack.length} track segments of 1 record first stored before ${new Date(T0 + 11 * DAY).toISOString()} \\(retention 90 days\\): 1,200 → [\\d,]+ points, length [\\d.]+ → [\\d.]+ km\\.$`,
      ),
    );

    // The old patrol: the same segments, each a subset of its fixes with both ends, 里程 within 1 %.
    const simplified = (await findRecord(server.db, old.record.id)) as PatrolRecord;
    expect({ ...simplified, body: { ...simplified.body, track: undefined } }).toEqual({
      ...old.record,
      body: { ...old.record.body, track: undefined },
    });
    const track = simplified.body.track ?? [];
    expect(track.map((s) => s.id)).toEqual(oldTrack.map((s) => s.id));
    let kept = 0;
    for (const [i, segment] of track.entries()) {
      const raw = oldTrack[i]?.points ?? [];
      expect(segment.points[0]).toEqual(raw[0]);
      expect(segment.points.at(-1)).toEqual(raw.at(-1));
      expect(pointsLengthM(segment.points)).toBeGreaterThanOrEqual(pointsLengthM(raw) * 0.99);
      kept += segment.points.length;
    }
    expect(kept).toBeLessThan(1200 / 2);
    // Its kept revisions and its audit history read the same simplified track.
    const revisions = await findRevisions(server.db, [
      { id: old.record.id, rev: 1 },
      { id: old.record.id, rev: 2 },
    ]);
    expect(revisions.get(revisionKey(old.record.id, 1))?.body).toMatchObject({ track });
    expect(revisions.get(revisionKey(old.record.id, 2))?.body).toMatchObject({ track });
    const history = await findRecordHistory(server.db, old.record.id);
    expect((history.at(-1)?.after as PatrolRecord | undefined)?.body.track).toEqual(track);
    // A phone pulling it gets the simplified track at the same rev.
    const phone = await server.login('hb-grid01');
    const pulled = await server.pull(phone.token, randomUUID(), { limit: '500' });
    const onPhone = (pulled.body.changes as PatrolRecord[]).find((r) => r.id === old.record.id);
    expect(onPhone?.rev).toBe(old.record.rev);
    expect(onPhone?.body.track).toEqual(track);

    // The young patrol is untouched.
    expect(await findRecord(server.db, young.record.id)).toEqual(young.record);

    const audits = (await simplifyAudits()).filter((row) => row.at === server.clock.now.toISOString());
    expect(audits).toHaveLength(1);
    expect(audits[0]?.user_id).toBe('cli:tester');
    expect(JSON.parse(audits[0]?.after ?? 'null')).toEqual({
      retentionDays: 90,
      storedBefore: new Date(T0 + 11 * DAY).toISOString(),
      segments: oldTrack.length,
      records: [old.record.id],
      points: { before: 1200, after: kept },
      lengthM: { before: expect.any(Number), after: expect.any(Number) },
    });

    // A rerun finds nothing to do and writes no audit row.
    const again = await admin('simplify-tracks');
    expect(again.out).toMatch(/^Simplified 0 track segments of 0 records /);
    expect(await simplifyAudits()).toHaveLength(demoAudits + 1);
    expect(await findRecord(server.db, old.record.id)).toEqual(simplified);

    // The phone that recorded it still holds the raw points; an edit it pushes does not bring them back.
    const fromPhone = { ...old.record, body: { ...old.record.body, householdsVisited: 20 } };
    const edit = await server.push(phone.token, old.clientId, [
      mutation(fromPhone, { baseRev: old.record.rev }),
    ]);
    expect(edit.body.results[0].status).toBe('applied');
    const afterEdit = (await findRecord(server.db, old.record.id)) as PatrolRecord;
    expect(afterEdit.body.householdsVisited).toBe(20);
    expect(afterEdit.body.track).toEqual(track);

    // Later, the young patrol's turn comes.
    server.clock.now = new Date(T0 + 151 * DAY);
    expect(await findRecord(server.db, young.record.id)).toEqual(young.record);
    vi.stubEnv('TRACK_RETENTION_DAYS', '');
    const later = await admin('simplify-tracks');
    expect(later.out).toContain(`Simplified ${youngTrack.length} track segments of 1 record`);
    expect(later.out).toContain('(retention 90 days)');
  });
});
