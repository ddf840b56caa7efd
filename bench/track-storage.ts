/**
 * Server bytes per patrol-day (issue 15, item 6): one worker, 8 h, one GPS point per 10 s = 2,880
 * points, stored as the app stores them today. A patrol-day is three pushes of the patrol record:
 *   开始巡查   → rev 1, a draft without track
 *   结束巡查   → rev 2, the whole track written into body.track (patrol-session.ts endPatrol)
 *   提交       → rev 3, the write-up (content, status submitted); the track rides along unchanged
 * then one more edit (a correction of the write-up) to show what every later edit costs.
 *
 * Measured as table-size deltas (src/server/db/table-sizes.ts, the same figures as
 * `npm run admin -- db-size`) over DAYS patrol-days, on SQLite and on PostgreSQL (DATABASE_URL, or
 * a throwaway cluster). PostgreSQL is vacuumed after each day, as autovacuum would, so replaced
 * row versions are reused and the delta is steady-state growth; SQLite reuses freed pages itself.
 *
 * Each database is measured twice in the same run: as the server stores tracks (each segment once,
 * encoded, in track_segments: track-store.ts), and as the baseline, the layout before it — the
 * same pushes, then every stored copy rewritten with its track inline as JSON and track_segments
 * emptied before each measurement, which is byte for byte what the server wrote until then (main
 * measured 681 KB on SQLite and 251 KB on PostgreSQL per patrol-day that way).
 *
 *   npx tsx bench/track-storage.ts      → prints the table, writes bench/results/*-track-storage.json
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { NO_FINDINGS, type PatrolBody } from '../src/domain/patrol';
import type { GridRecord } from '../src/domain/record-envelope';
import { encodeTrackPoints } from '../src/domain/track-codec';
import { simplifyOldTracks } from '../src/server/admin/track-retention';
import { createApp } from '../src/server/app';
import { openDatabase } from '../src/server/db/database';
import { databaseSize, formatBytes, isPostgres } from '../src/server/db/table-sizes';
import { resolveTracks } from '../src/server/db/track-store';
import { seedDemoData } from '../src/server/demo/demo-seed';
import { editRecord, newRecord } from '../src/sync/record-factory';
import { HOURS, POINTS_PER_DAY, walkedTrack } from '../tests/support/walked-track';
import { startBenchPostgres } from './postgres';

const DAYS = 10;
const GRID = 'dachang-hubin-01';
const WORKER = 'hb-grid01';

type TableBytes = Record<string, number>;

async function tableBytes(db: Awaited<ReturnType<typeof openDatabase>>): Promise<TableBytes> {
  const { tables } = await databaseSize(db);
  return Object.fromEntries(tables.map((t) => [t.table, t.bytes]));
}

function delta(after: TableBytes, before: TableBytes): TableBytes {
  return Object.fromEntries(
    Object.keys(after)
      .map((table) => [table, (after[table] ?? 0) - (before[table] ?? 0)] as const)
      .filter(([, bytes]) => bytes !== 0),
  );
}

type Db = Awaited<ReturnType<typeof openDatabase>>;

/** Rewrites every stored copy with its track inline as JSON and empties track_segments: the old layout. */
async function inlineTracks(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const row of await trx.selectFrom('records').select(['id', 'body']).execute()) {
      const [resolved] = await resolveTracks(trx, [{ id: row.id, body: JSON.parse(row.body) as unknown }]);
      const body = JSON.stringify(resolved?.body);
      if (body !== row.body)
        await trx.updateTable('records').set({ body }).where('id', '=', row.id).execute();
    }
    for (const row of await trx.selectFrom('record_revisions').selectAll().execute()) {
      const [resolved] = await resolveTracks(trx, [JSON.parse(row.envelope) as unknown]);
      const envelope = JSON.stringify(resolved);
      if (envelope === row.envelope) continue;
      await trx
        .updateTable('record_revisions')
        .set({ envelope })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    }
    for (const row of await trx.selectFrom('audit_log').select(['id', 'before', 'after']).execute()) {
      const values = [row.before, row.after].map((text) =>
        text === null ? null : (JSON.parse(text) as unknown),
      );
      const [before, after] = (await resolveTracks(trx, values)).map((v) =>
        v === null ? null : JSON.stringify(v),
      );
      if (before === row.before && after === row.after) continue;
      await trx
        .updateTable('audit_log')
        .set({ before: before ?? null, after: after ?? null })
        .where('id', '=', row.id)
        .execute();
    }
    await trx.deleteFrom('track_segments').execute();
  });
}

export interface TrackStorageFigures {
  dialect: string;
  /** 'track_segments' as the server stores tracks; 'inline (baseline)' as it stored them before. */
  layout: string;
  days: number;
  pointsPerDay: number;
  /** JSON length of one day's body.track. */
  trackJsonBytes: number;
  /** The same track with each segment's points in src/domain/track-codec.ts's form. */
  encodedTrackJsonBytes: number;
  /** Growth per patrol-day by table, after the three pushes of a day. */
  perDayByTable: TableBytes;
  perDayBytes: number;
  /** What one more edit of an ended patrol (the track unchanged) adds. */
  perLaterEditBytes: number;
  /** Stored text of a day's track segments (track_segments.points), raw and once past the retention. */
  segmentTextPerDay?: { raw: number; simplified: number; pointsRaw: number; pointsSimplified: number };
}

/** Length of the stored segment text and the points it holds, per patrol-day (demo data left out). */
async function segmentText(db: Db, recordIds: readonly string[]): Promise<{ bytes: number; points: number }> {
  const rows = await db
    .selectFrom('track_segments')
    .select(['points', 'point_count'])
    .where('record_id', 'in', [...recordIds])
    .execute();
  return {
    bytes: rows.reduce((sum, row) => sum + row.points.length, 0) / DAYS,
    points: rows.reduce((sum, row) => sum + Number(row.point_count), 0) / DAYS,
  };
}

export async function measureTrackStorage(
  config: { sqlitePath: string } | { url: string },
  layout: 'segments' | 'inline' = 'segments',
): Promise<TrackStorageFigures> {
  const db = await openDatabase(config);
  try {
    const start = new Date('2026-11-26T00:30:00.000Z');
    await seedDemoData(db, start);
    // The server's clock walks with the simulated days: it refuses record times a day ahead of it.
    let serverNow = start;
    const app = createApp({ db, now: () => serverNow });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: WORKER, password: 'demo123456' }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };
    const clientId = randomUUID();
    let seq = 0;
    const push = async (record: GridRecord, baseRev: number): Promise<GridRecord> => {
      seq += 1;
      const response = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocol: 1,
          clientId,
          mutations: [{ id: randomUUID(), seq, op: 'upsert', baseRev, record }],
        }),
      });
      const { results } = (await response.json()) as { results: { status: string; record?: GridRecord }[] };
      const result = results[0];
      if (!result?.record || (result.status !== 'applied' && result.status !== 'merged')) {
        throw new Error(`push refused: ${JSON.stringify(result)}`);
      }
      return result.record;
    };
    const settle = async () => {
      if (layout === 'inline') await inlineTracks(db);
      if (isPostgres(db)) await sql`VACUUM`.execute(db);
    };

    await settle();
    const before = await tableBytes(db);
    let trackJsonBytes = 0;
    let encodedTrackJsonBytes = 0;
    let last: GridRecord | undefined;
    const patrolIds: string[] = [];
    for (let day = 0; day < DAYS; day++) {
      const startedAt = new Date(start.getTime() + day * 86_400_000);
      serverNow = startedAt;
      const draft: PatrolBody = {
        patrolTypes: ['keyPlacePatrol'],
        startedAt: startedAt.toISOString(),
        householdsVisited: 0,
        findings: NO_FINDINGS,
        selfResolvedCount: 0,
        reportedCount: 0,
        content: '',
        photoIds: [],
        status: 'draft',
      };
      const now = () => new Date(startedAt.getTime() + HOURS * 3_600_000);
      let record = await push(
        newRecord('patrol', { gridId: GRID, body: draft, userId: user.id, now: startedAt }),
        0,
      );
      const track = walkedTrack(startedAt.getTime());
      trackJsonBytes = JSON.stringify(track).length;
      encodedTrackJsonBytes = JSON.stringify(
        track.map((segment) => ({ id: segment.id, points: encodeTrackPoints(segment.points) })),
      ).length;
      const ended: PatrolBody = { ...(record.body as PatrolBody), endedAt: now().toISOString(), track };
      record = await push(editRecord(record, { body: ended, userId: user.id, now: now() }), record.rev);
      const submitted: PatrolBody = {
        ...(record.body as PatrolBody),
        householdsVisited: 14,
        content: '巡查湖滨新寓1—6栋及沿街商铺,消防通道畅通,发放反诈宣传资料30份',
        status: 'submitted',
      };
      record = await push(editRecord(record, { body: submitted, userId: user.id, now: now() }), record.rev);
      await settle();
      last = record;
      patrolIds.push(record.id);
    }
    const afterDays = await tableBytes(db);
    if (!last) throw new Error('no patrol-day was pushed');
    const corrected: PatrolBody = { ...(last.body as PatrolBody), householdsVisited: 15 };
    for (let day = 0; day < DAYS; day++) {
      // The same correction on the last day's patrol, DAYS times, so the page rounding averages out.
      const body = { ...corrected, householdsVisited: 15 + day };
      last = await push(editRecord(last, { body, userId: user.id, now: start }), last.rev);
    }
    await settle();
    const afterEdits = await tableBytes(db);

    const perDayByTable = Object.fromEntries(
      Object.entries(delta(afterDays, before)).map(([table, bytes]) => [table, Math.round(bytes / DAYS)]),
    );
    const sum = (bytes: TableBytes) => Object.values(bytes).reduce((a, b) => a + b, 0);
    let segmentTextPerDay: TrackStorageFigures['segmentTextPerDay'];
    if (layout === 'segments') {
      // The retention run a year on (simplify-tracks): every day's track past it.
      const raw = await segmentText(db, patrolIds);
      const yearOn = new Date(start.getTime() + 365 * 86_400_000);
      await simplifyOldTracks({ db, now: () => yearOn, actor: 'bench' }, 90);
      const simplified = await segmentText(db, patrolIds);
      segmentTextPerDay = {
        raw: Math.round(raw.bytes),
        simplified: Math.round(simplified.bytes),
        pointsRaw: raw.points,
        pointsSimplified: simplified.points,
      };
    }
    return {
      dialect: isPostgres(db) ? 'PostgreSQL' : 'SQLite',
      layout: layout === 'inline' ? 'inline (baseline)' : 'track_segments',
      days: DAYS,
      pointsPerDay: POINTS_PER_DAY,
      trackJsonBytes,
      encodedTrackJsonBytes,
      perDayByTable,
      perDayBytes: Math.round(sum(delta(afterDays, before)) / DAYS),
      perLaterEditBytes: Math.round(sum(delta(afterEdits, afterDays)) / DAYS),
      ...(segmentTextPerDay && { segmentTextPerDay }),
    };
  } finally {
    await db.destroy();
  }
}

function print(figures: TrackStorageFigures, baseline: TrackStorageFigures): void {
  console.log(
    `\n${figures.dialect}: ${figures.pointsPerDay} points a day, body.track ${formatBytes(figures.trackJsonBytes)} as JSON`,
  );
  console.log(`  ${'table'.padEnd(20)}${'baseline'.padStart(12)}${'now'.padStart(12)}   per patrol-day`);
  const tables = new Set([...Object.keys(baseline.perDayByTable), ...Object.keys(figures.perDayByTable)]);
  const rows = [...tables].map((table) => ({
    table,
    before: baseline.perDayByTable[table] ?? 0,
    now: figures.perDayByTable[table] ?? 0,
  }));
  for (const row of rows.sort((a, b) => b.before - a.before || b.now - a.now)) {
    console.log(
      `  ${row.table.padEnd(20)}${formatBytes(row.before).padStart(12)}${formatBytes(row.now).padStart(12)}`,
    );
  }
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}× less`;
  console.log(
    `  ${'total'.padEnd(20)}${formatBytes(baseline.perDayBytes).padStart(12)}${formatBytes(figures.perDayBytes).padStart(12)}   ${ratio(baseline.perDayBytes, figures.perDayBytes)}`,
  );
  console.log(
    `  ${'each later edit'.padEnd(20)}${formatBytes(baseline.perLaterEditBytes).padStart(12)}${formatBytes(figures.perLaterEditBytes).padStart(12)}   ${ratio(baseline.perLaterEditBytes, figures.perLaterEditBytes)}`,
  );
  console.log(
    `  the track encoded (track-codec.ts): ${formatBytes(figures.encodedTrackJsonBytes)}, ${(figures.trackJsonBytes / figures.encodedTrackJsonBytes).toFixed(1)}× smaller than its JSON`,
  );
  const text = figures.segmentTextPerDay;
  if (text) {
    console.log(
      `  past the retention (simplify-tracks): a day's segments ${formatBytes(text.raw)} → ${formatBytes(text.simplified)} of text, ${text.pointsRaw} → ${text.pointsSimplified} points`,
    );
  }
}

/** Both layouts on fresh databases of one kind: the server's, then the baseline. */
async function measureBoth(
  fresh: () => Promise<{ config: { sqlitePath: string } | { url: string }; drop(): Promise<void> }>,
): Promise<TrackStorageFigures[]> {
  const figures: TrackStorageFigures[] = [];
  for (const layout of ['segments', 'inline'] as const) {
    const { config, drop } = await fresh();
    try {
      figures.push(await measureTrackStorage(config, layout));
    } finally {
      await drop();
    }
  }
  print(figures[0] as TrackStorageFigures, figures[1] as TrackStorageFigures);
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = new Date().toISOString();
  const results: TrackStorageFigures[] = [];
  results.push(
    ...(await measureBoth(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-track-storage-'));
      return {
        config: { sqlitePath: join(dir, 'track.sqlite') },
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    })),
  );
  const postgres = await startBenchPostgres();
  if (postgres) {
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    try {
      results.push(
        ...(await measureBoth(async () => {
          const name = `gridkeeper_track_${randomUUID().replaceAll('-', '')}`;
          await admin(`CREATE DATABASE ${name}`);
          const url = new URL(postgres.url);
          url.pathname = `/${name}`;
          return {
            config: { url: url.href },
            drop: () => admin(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined),
          };
        })),
      );
    } finally {
      postgres.stop();
    }
  }
  const out = resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  const file = resolve(out, `${at.replaceAll(':', '-')}-track-storage.json`);
  writeFileSync(file, `${JSON.stringify({ at, trackStorage: results }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
