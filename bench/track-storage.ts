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
import { createApp } from '../src/server/app';
import { openDatabase } from '../src/server/db/database';
import { databaseSize, formatBytes, isPostgres } from '../src/server/db/table-sizes';
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

export interface TrackStorageFigures {
  dialect: string;
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
}

export async function measureTrackStorage(
  config: { sqlitePath: string } | { url: string },
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
      if (isPostgres(db)) await sql`VACUUM`.execute(db);
    };

    await settle();
    const before = await tableBytes(db);
    let trackJsonBytes = 0;
    let encodedTrackJsonBytes = 0;
    let last: GridRecord | undefined;
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
    return {
      dialect: isPostgres(db) ? 'PostgreSQL' : 'SQLite',
      days: DAYS,
      pointsPerDay: POINTS_PER_DAY,
      trackJsonBytes,
      encodedTrackJsonBytes,
      perDayByTable,
      perDayBytes: Math.round(sum(delta(afterDays, before)) / DAYS),
      perLaterEditBytes: Math.round(sum(delta(afterEdits, afterDays)) / DAYS),
    };
  } finally {
    await db.destroy();
  }
}

function print(figures: TrackStorageFigures): void {
  console.log(
    `\n${figures.dialect}: ${figures.pointsPerDay} points a day, body.track ${formatBytes(figures.trackJsonBytes)} as JSON`,
  );
  for (const [table, bytes] of Object.entries(figures.perDayByTable).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${table.padEnd(20)}${formatBytes(bytes).padStart(10)} per patrol-day`);
  }
  console.log(`  ${'total'.padEnd(20)}${formatBytes(figures.perDayBytes).padStart(10)} per patrol-day`);
  console.log(`  each later edit of the patrol adds ${formatBytes(figures.perLaterEditBytes)}`);
  console.log(
    `  the track encoded (track-codec.ts): ${formatBytes(figures.encodedTrackJsonBytes)}, ${(figures.trackJsonBytes / figures.encodedTrackJsonBytes).toFixed(1)}× smaller`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = new Date().toISOString();
  const results: TrackStorageFigures[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-track-storage-'));
  try {
    results.push(await measureTrackStorage({ sqlitePath: join(dir, 'track.sqlite') }));
    print(results[0] as TrackStorageFigures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const postgres = await startBenchPostgres();
  if (postgres) {
    const name = `gridkeeper_track_${randomUUID().replaceAll('-', '')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    try {
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(postgres.url);
      url.pathname = `/${name}`;
      results.push(await measureTrackStorage({ url: url.href }));
      print(results[1] as TrackStorageFigures);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      postgres.stop();
    }
  }
  const out = resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  const file = resolve(out, `${at.replaceAll(':', '-')}-track-storage.json`);
  writeFileSync(file, `${JSON.stringify({ at, trackStorage: results }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
