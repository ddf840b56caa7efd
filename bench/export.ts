/**
 * Export (issue 13 item 4) of EXPORT_ROWS 上报事件 through the API in process, CSV and XLSX, on
 * SQLite and PostgreSQL, next to baselines measured in the same round on the same rows:
 * - a raw SELECT of the same rows, in the same pages (keyset, 1,000 a page), parsed and dropped:
 *   what the database and the row decoding alone cost, so `export / raw` is what masking,
 *   formatting and the file cost on top;
 * - once, last (it inflates the process for whatever runs after it): ONE SELECT of all the rows
 *   held in an array, the memory an export that did not stream would need.
 * Memory: the growth of RSS and of the V8 heap over the value at the start of each run, sampled at
 * every chunk the client reads (every page for the raw SELECT). RSS seldom shrinks, so the runs go
 * from the least expected to the most.
 *
 * Run alone (no build needed):
 *   npx tsx bench/export.ts     EXPORT_BENCH_ROWS=100000, EXPORT_BENCH_ROUNDS=3; DATABASE_URL for PostgreSQL
 * `npm run bench` runs it with the others (results.export).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { createApp } from '../src/server/app';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import { listLiveRecordPage, type RecordPagePosition } from '../src/server/db/records.repository';
import type { Database } from '../src/server/db/schema';
import { demoUserId } from '../src/server/demo/demo-accounts';
import { seedDemoData } from '../src/server/demo/demo-seed';
import { EXPORT_PAGE_ROWS } from '../src/server/export/export-rows';
import { insertManyEvents } from '../tests/support/many-events';
import { onBothDialects, startBenchPostgres } from './postgres';
import { median, round } from './stats';

const ROWS = Number(process.env.EXPORT_BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.EXPORT_BENCH_ROUNDS ?? 3);
const GRID = 'dachang-hubin-01';
const NOW = new Date('2026-11-26T08:00:00.000Z');
const MB = 1024 * 1024;

interface Run {
  ms: number;
  rows: number;
  bytes: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Tracks the peak growth of RSS and heap over the start of one run. */
function memoryMeter() {
  const start = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  return {
    sample() {
      const now = process.memoryUsage();
      rss = Math.max(rss, now.rss - start.rss);
      heap = Math.max(heap, now.heapUsed - start.heapUsed);
    },
    peaks: () => ({ peakRssMb: round(rss / MB, 1), peakHeapMb: round(heap / MB, 1) }),
  };
}

async function exportOnce(
  app: ReturnType<typeof createApp>,
  token: string,
  format: 'csv' | 'xlsx',
): Promise<Run> {
  const meter = memoryMeter();
  const start = performance.now();
  const response = await app.request('/api/export', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ format, kind: 'gridEvent', org: GRID }),
  });
  if (response.status !== 200) throw new Error(`export: HTTP ${response.status} ${await response.text()}`);
  const reader = response.body?.getReader();
  if (!reader) throw new Error('export: no body');
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === 'csv') for (const byte of value) if (byte === 0x0a) lines += 1;
    meter.sample();
  }
  return {
    ms: performance.now() - start,
    rows: format === 'csv' ? lines - 2 : ROWS,
    bytes,
    ...meter.peaks(),
  };
}

async function rawPagedSelect(db: Kysely<Database>): Promise<Run> {
  const meter = memoryMeter();
  const start = performance.now();
  let rows = 0;
  let after: RecordPagePosition | undefined;
  for (;;) {
    const page = await listLiveRecordPage(db, GRID, ['gridEvent'], after, EXPORT_PAGE_ROWS);
    const last = page.at(-1);
    if (!last) break;
    rows += page.length;
    after = { changeSeq: last.changeSeq, id: last.id };
    meter.sample();
  }
  return { ms: performance.now() - start, rows, bytes: 0, ...meter.peaks() };
}

async function rawSelectHeld(db: Kysely<Database>): Promise<Run> {
  const meter = memoryMeter();
  const start = performance.now();
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('grid_id', '=', GRID)
    .where('kind', '=', 'gridEvent')
    .execute();
  const parsed = rows.map((row) => JSON.parse(row.body) as unknown);
  meter.sample();
  return { ms: performance.now() - start, rows: parsed.length, bytes: 0, ...meter.peaks() };
}

function summary(runs: readonly Run[]) {
  return {
    msMedian: round(median(runs.map((run) => run.ms)), 0),
    msByRound: runs.map((run) => round(run.ms, 0)),
    rows: runs[0]?.rows ?? 0,
    bytes: runs[0]?.bytes ?? 0,
    peakRssMbMedian: median(runs.map((run) => run.peakRssMb)),
    peakHeapMbMedian: median(runs.map((run) => run.peakHeapMb)),
  };
}

async function measureDialect(label: string, config: DatabaseConfig) {
  const db = await openDatabase(config);
  try {
    await seedDemoData(db, NOW);
    await insertManyEvents(db, GRID, demoUserId('hb-grid01'), ROWS, NOW.toISOString());
    const app = createApp({ db, now: () => NOW });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-admin', password: 'demo123456' }),
    });
    const { token } = (await login.json()) as { token: string };
    const raw: Run[] = [];
    const csv: Run[] = [];
    const xlsx: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      raw.push(await rawPagedSelect(db));
      csv.push(await exportOnce(app, token, 'csv'));
      xlsx.push(await exportOnce(app, token, 'xlsx'));
    }
    const held = summary([await rawSelectHeld(db)]);
    const result = { raw: summary(raw), csv: summary(csv), xlsx: summary(xlsx), heldSelect: held };
    const line = (name: string, s: ReturnType<typeof summary>) =>
      `${name} ${s.msMedian} ms (${s.msByRound.join(', ')}), peak +${s.peakRssMbMedian} MB RSS / +${s.peakHeapMbMedian} MB heap`;
    console.log(
      `export, ${label}, ${result.csv.rows} rows: ${line('CSV', result.csv)} (${round(result.csv.bytes / MB, 1)} MB), ` +
        `${round(result.csv.msMedian / result.raw.msMedian, 1)}x the raw paged SELECT`,
    );
    console.log(
      `export, ${label}: ${line('XLSX', result.xlsx)} (${round(result.xlsx.bytes / MB, 1)} MB), ` +
        `${round(result.xlsx.msMedian / result.raw.msMedian, 1)}x the raw paged SELECT`,
    );
    console.log(`export, ${label}: baseline ${line('raw paged SELECT', result.raw)}`);
    console.log(`export, ${label}: reference ${line('ONE SELECT of all rows, held', result.heldSelect)}`);
    return result;
  } finally {
    await db.destroy();
  }
}

/** Both dialects (PostgreSQL when a server is given); what `npm run bench` stores as results.export. */
export async function measureExport(postgresUrl: string | undefined) {
  return { rows: ROWS, rounds: ROUNDS, ...(await onBothDialects('export', postgresUrl, measureDialect)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const postgres = await startBenchPostgres();
  try {
    await measureExport(postgres?.url);
  } finally {
    postgres?.stop();
  }
}
