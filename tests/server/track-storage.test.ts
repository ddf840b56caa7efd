/**
 * GPS tracks stored once per record, compactly (track-store.ts): what a patrol-day costs the server
 * in stored bytes (deterministic: the text of the rows, not pages or timing), and that the wire
 * does not notice — a push and a pull, a merge and the audit history answer the track as pushed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatrolBody, TrackSegment } from '../../src/domain/patrol';
import type { GridRecord, PatrolRecord } from '../../src/domain/record-envelope';
import { encodeTrackPoints } from '../../src/domain/track-codec';
import { findRecordHistory } from '../../src/server/db/audit-log.repository';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { walkedTrack } from '../support/walked-track';

const bytes = (text: string | null) => (text === null ? 0 : Buffer.byteLength(text));

describe.each(DIALECTS)('track storage (%s)', (dialect) => {
  let server: TestServer;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const who = await server.login('hb-grid01');
    token = who.token;
    userId = who.user.id;
  });
  afterAll(() => server.close());

  const pushOne = async (record: GridRecord, baseRev: number, clientId = randomUUID()) => {
    const reply = await server.push(token, clientId, [mutation(record, { baseRev })]);
    const result = reply.body.results[0];
    expect(['applied', 'merged'], JSON.stringify(result)).toContain(result.status);
    return result.record as PatrolRecord;
  };

  /** The three pushes of a patrol-day (开始巡查, 结束巡查 with the track, 提交), as bench/track-storage.ts. */
  const patrolDay = async (track: TrackSegment[]) => {
    const base = samplePatrol(randomUUID(), HUBIN_GRID_1, userId);
    const draft = { ...base, body: { ...base.body, status: 'draft', content: '' } as PatrolBody };
    let record = await pushOne(draft, 0);
    const ended = { ...record, body: { ...record.body, endedAt: '2026-11-20T17:30:00.000+08:00', track } };
    record = await pushOne(ended, record.rev);
    const submitted = {
      ...record,
      body: { ...record.body, status: 'submitted', content: '巡查湖滨新寓1—6栋' },
    };
    return pushOne(submitted as PatrolRecord, record.rev);
  };

  /** Every stored byte of the record's copies, and of its track segments. */
  const storedBytes = async (recordId: string) => {
    const records = await server.db.selectFrom('records').select('body').where('id', '=', recordId).execute();
    const revisions = await server.db
      .selectFrom('record_revisions')
      .select('envelope')
      .where('record_id', '=', recordId)
      .execute();
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('record_id', '=', recordId)
      .execute();
    const segments = await server.db
      .selectFrom('track_segments')
      .select(['points', 'point_count'])
      .where('record_id', '=', recordId)
      .execute();
    return {
      copies:
        records.reduce((sum, r) => sum + bytes(r.body), 0) +
        revisions.reduce((sum, r) => sum + bytes(r.envelope), 0) +
        audit.reduce((sum, r) => sum + bytes(r.before) + bytes(r.after), 0),
      copyCount: records.length + revisions.length + audit.filter((r) => r.after !== null).length,
      segments: segments.map((s) => ({ bytes: bytes(s.points), points: Number(s.point_count) })),
    };
  };

  it('stores a patrol-day track once, encoded, however many copies of the record are kept', async () => {
    const track = walkedTrack(Date.parse('2026-11-20T01:30:00.000Z'));
    const trackJson = JSON.stringify(track).length;
    const encoded = track.map((segment) => encodeTrackPoints(segment.points)?.length ?? 0);
    const patrol = await patrolDay(track);

    const stored = await storedBytes(patrol.id);
    // One row per segment, holding exactly the encoded points: about a fifth of the JSON.
    expect(stored.segments.map((s) => s.points).sort()).toEqual(track.map((s) => s.points.length).sort());
    expect(stored.segments.map((s) => s.bytes).sort()).toEqual([...encoded].sort());
    expect(encoded.reduce((a, b) => a + b, 0)).toBeLessThan(trackJson / 4);
    // The record, three revisions and three audit rows name the segments: no copy holds a point.
    expect(stored.copyCount).toBe(7);
    expect(stored.copies).toBeLessThan(16_000);

    // A later edit (the track unchanged) adds a revision and an audit row, not another track.
    const edited = { ...patrol, body: { ...patrol.body, householdsVisited: 15 } };
    await pushOne(edited, patrol.rev);
    const after = await storedBytes(patrol.id);
    expect(after.segments).toEqual(stored.segments);
    expect(after.copies - stored.copies).toBeLessThan(5_000);
  });

  it('answers the track as pushed: push result, pull, a merged stale edit and the audit history', async () => {
    const track = walkedTrack(Date.parse('2026-11-20T01:30:00.000Z'), 600);
    // A fix the codec cannot hold losslessly (a fractional accuracy) keeps its segment as JSON.
    const odd: TrackSegment = {
      id: randomUUID(),
      points: [
        [118.7481234567, 32.2274, 1_763_602_200_000, 7.5],
        [118.7482, 32.2275, 1_763_602_210_000, 8],
      ],
    };
    const withOdd = [...track, odd];
    const patrol = await patrolDay(withOdd);
    expect(patrol.body.track).toEqual(withOdd);

    const stored = await server.db
      .selectFrom('records')
      .select('body')
      .where('id', '=', patrol.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).not.toContain('118.748'); // every fix starts so; the location is 118.75
    expect((JSON.parse(stored.body) as { track: { points: unknown }[] }).track.map((s) => s.points)).toEqual(
      withOdd.map(() => expect.stringMatching(/^t1:/)),
    );

    const other = await server.login('hb-grid01');
    const pulled = await server.pull(other.token, randomUUID(), { limit: '500' });
    const found = (pulled.body.changes as GridRecord[]).find((r) => r.id === patrol.id);
    expect(found).toEqual(patrol);

    // A stale edit of another field merges against the kept revision and keeps the track whole.
    const stale = { ...patrol, rev: patrol.rev - 1, body: { ...patrol.body, householdsVisited: 30 } };
    const reply = await server.push(token, randomUUID(), [mutation(stale, { baseRev: patrol.rev - 1 })]);
    expect(reply.body.results[0].status).toBe('merged');
    expect(reply.body.results[0].record.body.track).toEqual(withOdd);
    expect(reply.body.results[0].record.body.content).toBe(patrol.body.content);

    const history = await findRecordHistory(server.db, patrol.id);
    const ended = history.find((entry) => (entry.after as PatrolRecord | null)?.rev === 2);
    expect((ended?.after as PatrolRecord | undefined)?.body.track).toEqual(withOdd);
    expect(ended?.before).toMatchObject({ rev: 1 });
    expect((ended?.before as PatrolRecord | undefined)?.body).not.toHaveProperty('track');
  });
});
