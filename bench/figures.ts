/**
 * The supervisor's figures (issue 13, 区域总览): `GET /api/figures?period=week` through the API in
 * process, for the street admin (dc-admin, 大厂街道) over FIGURES_BENCH_RECORDS records (patrol
 * logs, rental inspections, rental houses, disputes) and FIGURES_BENCH_EVENTS 上报事件 spread over
 * the street's grids and the year before NOW, on SQLite and PostgreSQL, next to baselines
 * measured in the same round on the same rows:
 * - a raw SELECT of the rows the route reads (listLiveRecords' WHERE for the caller's grids), each
 *   body parsed and dropped: what reading costs, so `figures / raw` is what building the records,
 *   the figures (three passes: this period, the previous one, the grids) and HTTP cost on top;
 * - `SELECT kind, count(*) … GROUP BY kind` over the same rows: what a count in SQL costs;
 * - after the rounds, for reference: the figures' three passes alone over the records held.
 * Memory, for each figures call (after a forced GC): the peak RSS over its start (Linux's VmHWM,
 * reset just before the call) and the heap's growth at its end (before any GC: a floor for the
 * peak); once, the heap the route's array of records holds (listLiveRecords' answer kept across a
 * forced GC). And the longest the event loop went without a turn during a call: how long every
 * other request to the same server process waited behind it.
 *
 * Run alone (no build needed):
 *   npx tsx bench/figures.ts     FIGURES_BENCH_RECORDS=100000, FIGURES_BENCH_EVENTS=20000,
 *                                FIGURES_BENCH_ROUNDS=7; DATABASE_URL for PostgreSQL
 * `npm run bench` runs it with the others (results.figures).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kysely } from 'kysely';
import { areaFigures, gridFigures, periodsOf } from '../src/domain/area-figures';
import type { GridRecord } from '../src/domain/record-envelope';
import { RECORD_KINDS } from '../src/domain/record-kinds';
import { createApp } from '../src/server/app';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import { insertRecordRows, listLiveRecords } from '../src/server/db/records.repository';
import type { Database } from '../src/server/db/schema';
import { demoUserId } from '../src/server/demo/demo-accounts';
import { seedDemoData } from '../src/server/demo/demo-seed';
import {
  sampleDispute,
  sampleGridEvent,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../tests/support/sample-records';
import { onBothDialects, startBenchPostgres } from './postgres';
import { median, percentile, round } from './stats';

const RECORDS = Number(process.env.FIGURES_BENCH_RECORDS ?? 100_000);
const EVENTS = Number(process.env.FIGURES_BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.FIGURES_BENCH_ROUNDS ?? 7);
/** A Thursday: the week's period runs from Monday 11-23 (China), the previous from 11-16. */
const NOW = new Date('2026-11-26T08:00:00.000Z');
const HISTORY_DAYS = 365;
const INSERT_CHUNK = 5_000;
const MB = 1024 * 1024;

/** The records' mix: a street's year is mostly patrol logs, then inspections, disputes, houses. */
const MIX = [
  { share: 0.6, make: samplePatrol },
  { share: 0.25, make: sampleRentalInspection },
  { share: 0.1, make: sampleDispute },
  { share: 0.05, make: sampleRentalHouse },
] as const;

// A forced GC before each timed call, so no round pays for another's garbage, and to weigh what
// the route holds. `--expose-gc` set at run time works for functions made after it (vm context).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HWM_FILE = '/proc/self/status';
/** Linux: resets VmHWM (the peak RSS) to the current RSS; false where it cannot. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
function peakRssBytes(): number | undefined {
  if (!existsSync(HWM_FILE)) return undefined;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(HWM_FILE, 'utf8'))?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** The `i`th record of the street: its kind by MIX, its grid and day spread over the year. */
function streetRecord(i: number, gridIds: readonly string[]): GridRecord {
  const pick = (i % 100) / 100;
  let below = 0;
  const kind = MIX.find((entry) => {
    below += entry.share;
    return pick < below;
  });
  const gridId = gridIds[i % gridIds.length] ?? '';
  const author = demoUserId(gridId === 'dachang-hubin-01' ? 'hb-grid01' : 'hb-grid02');
  const record = (kind ?? MIX[0]).make(randomUUID(), gridId, author);
  record.rev = 1;
  const at = new Date(NOW.getTime() - ((i * 7919) % (HISTORY_DAYS * 24 * 60)) * 60_000).toISOString();
  record.createdAt = at;
  record.updatedAt = at;
  if (record.kind === 'patrol') record.body.startedAt = at;
  else if (record.kind === 'rentalInspection') record.body.inspectedAt = at;
  else if (record.kind === 'dispute') record.body.registeredAt = at;
  return record;
}

function streetEvent(i: number, gridIds: readonly string[]): GridRecord {
  const gridId = gridIds[i % gridIds.length] ?? '';
  const record = sampleGridEvent(randomUUID(), gridId, demoUserId('hb-grid01'));
  record.rev = 1;
  const at = new Date(NOW.getTime() - ((i * 104_729) % (HISTORY_DAYS * 24 * 60)) * 60_000).toISOString();
  record.createdAt = at;
  record.updatedAt = at;
  record.body.reportedAt = at;
  record.body.reportedByName = '王丽';
  record.body.description = `湖滨新寓${i % 40}栋楼道口停放电动车，联系人13812341234`;
  return record;
}

/** Writes `count` records straight to the records table (as many-events.ts does: no revisions). */
async function insertMany(
  db: Kysely<Database>,
  count: number,
  firstChangeSeq: number,
  make: (i: number) => GridRecord,
): Promise<void> {
  for (let start = 0; start < count; start += INSERT_CHUNK) {
    const rows = Array.from({ length: Math.min(INSERT_CHUNK, count - start) }, (_, i) => ({
      record: make(start + i),
      changeSeq: firstChangeSeq + start + i,
      receivedAt: NOW.toISOString(),
    }));
    await db.transaction().execute((trx) => insertRecordRows(trx, rows));
  }
}

interface Run {
  ms: number;
  rows: number;
}

async function timed(work: () => Promise<number>): Promise<Run> {
  gc();
  const start = performance.now();
  const rows = await work();
  return { ms: performance.now() - start, rows };
}

/** The rows listLiveRecords reads for `gridIds` (one chunk: a street has far fewer than 1,000 grids). */
function rawSelect(db: Kysely<Database>, gridIds: readonly string[]) {
  return timed(async () => {
    const rows = await db
      .selectFrom('records')
      .selectAll()
      .where('grid_id', 'in', [...gridIds])
      .where('kind', 'in', [...RECORD_KINDS])
      .where('deleted', '=', 0)
      .execute();
    for (const row of rows) JSON.parse(row.body);
    return rows.length;
  });
}

function groupByKind(db: Kysely<Database>, gridIds: readonly string[]) {
  return timed(async () => {
    const counts = await db
      .selectFrom('records')
      .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
      .where('grid_id', 'in', [...gridIds])
      .where('kind', 'in', [...RECORD_KINDS])
      .where('deleted', '=', 0)
      .groupBy('kind')
      .execute();
    return counts.reduce((sum, row) => sum + Number(row.n), 0);
  });
}

interface FiguresRun extends Run {
  peakRssMb: number | undefined;
  heapAtEndMb: number;
  /** The longest the event loop went without a turn during the call: how long it held up every other request. */
  longestStallMs: number;
}

async function figuresOnce(app: ReturnType<typeof createApp>, token: string): Promise<FiguresRun> {
  // The monitor's timer only measures stalls once it has ticked: let it, before the call.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await new Promise((done) => setTimeout(done, 30));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const hwm = resetPeakRss();
  const start = performance.now();
  const response = await app.request('/api/figures?period=week', {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`figures: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { grids: unknown[] };
  const ms = performance.now() - start;
  // …and after it: the monitor records a stall when its timer next runs.
  await new Promise((done) => setTimeout(done, 30));
  loop.disable();
  const heapAtEnd = process.memoryUsage().heapUsed - heapBefore;
  const peak = hwm ? peakRssBytes() : undefined;
  return {
    ms,
    rows: body.grids.length,
    peakRssMb: peak === undefined ? undefined : round((peak - rssBefore) / MB, 1),
    heapAtEndMb: round(heapAtEnd / MB, 1),
    longestStallMs: round(loop.max / 1e6, 0),
  };
}

/** The route's records, and what their array holds on the heap (kept across a forced GC). */
async function heldRecords(db: Kysely<Database>, gridIds: readonly string[]) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const records = await listLiveRecords(db, gridIds, RECORD_KINDS);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  if (records.length === 0) throw new Error('no records held');
  return { records, heapMb: round(held / MB, 1) };
}

/** The route's three passes (this week, the week before, the grids) over records already held. */
function computeOnly(records: readonly GridRecord[], gridIds: readonly string[]) {
  return timed(async () => {
    const { current, previous } = periodsOf('week', NOW);
    areaFigures(records, gridIds, current, NOW);
    areaFigures(records, gridIds, previous, NOW);
    return gridFigures(records, gridIds, current, NOW).length;
  });
}

const times = (runs: readonly Run[]) => {
  const ms = runs.map((run) => run.ms);
  return {
    msMedian: round(median(ms), 1),
    msP95: round(percentile(ms, 95), 1),
    msByRound: ms.map((value) => round(value, 0)),
    rows: runs[0]?.rows ?? 0,
  };
};

async function measureDialect(label: string, config: DatabaseConfig) {
  const db = await openDatabase(config);
  try {
    await seedDemoData(db, NOW);
    const app = createApp({ db, now: () => NOW });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dc-admin', password: 'demo123456' }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { scope: { gridIds: string[] } } };
    const gridIds = [...user.scope.gridIds].sort();
    const seedStart = performance.now();
    await insertMany(db, RECORDS, 2_000_000, (i) => streetRecord(i, gridIds));
    await insertMany(db, EVENTS, 3_000_000, (i) => streetEvent(i, gridIds));
    const seedMs = performance.now() - seedStart;
    // One call unmeasured: SQLite's statement cache, the pool's connections, the JIT.
    await figuresOnce(app, token);
    const raw: Run[] = [];
    const counts: Run[] = [];
    const figures: FiguresRun[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      raw.push(await rawSelect(db, gridIds));
      counts.push(await groupByKind(db, gridIds));
      figures.push(await figuresOnce(app, token));
    }
    const held = await heldRecords(db, gridIds);
    const heldMb = held.heapMb;
    const compute: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) compute.push(await computeOnly(held.records, gridIds));
    const peaks = figures.flatMap((run) => (run.peakRssMb === undefined ? [] : [run.peakRssMb]));
    const result = {
      grids: gridIds.length,
      rowsRead: raw[0]?.rows ?? 0,
      seedMs: round(seedMs, 0),
      figures: times(figures),
      rawSelect: times(raw),
      groupByCount: times(counts),
      computeOnly: times(compute),
      figuresVsRaw: round(median(figures.map((r) => r.ms)) / median(raw.map((r) => r.ms)), 2),
      figuresVsCount: round(median(figures.map((r) => r.ms)) / median(counts.map((r) => r.ms)), 1),
      memory: {
        peakRssMbMedian: peaks.length > 0 ? median(peaks) : null,
        peakRssMbByRound: peaks,
        heapAtEndMbMedian: median(figures.map((run) => run.heapAtEndMb)),
        heldRecordsHeapMb: heldMb,
      },
      longestEventLoopStallMsMedian: median(figures.map((run) => run.longestStallMs)),
    };
    const line = (s: ReturnType<typeof times>) =>
      `p50 ${s.msMedian} ms, p95 ${s.msP95} ms (${s.msByRound.join(', ')})`;
    console.log(
      `figures, ${label}, ${result.rowsRead} rows in ${result.grids} grids: GET /api/figures?period=week ${line(result.figures)}; ` +
        `${result.figuresVsRaw}x the raw SELECT, ${result.figuresVsCount}x the GROUP BY count`,
    );
    console.log(`figures, ${label}: baseline raw SELECT + JSON.parse ${line(result.rawSelect)}`);
    console.log(
      `figures, ${label}: baseline SELECT kind, count(*) … GROUP BY kind ${line(result.groupByCount)}`,
    );
    console.log(
      `figures, ${label}: the event loop stalled up to ${result.longestEventLoopStallMsMedian} ms in one call (median of rounds)`,
    );
    console.log(
      `figures, ${label}: reference: the figures' three passes alone, over the records held, ${line(result.computeOnly)}`,
    );
    console.log(
      `figures, ${label}: memory during one call: peak RSS +${result.memory.peakRssMbMedian ?? '?'} MB ` +
        `(${peaks.join(', ')}), heap +${result.memory.heapAtEndMbMedian} MB at its end; ` +
        `the array of records holds ${heldMb} MB of heap`,
    );
    return result;
  } finally {
    await db.destroy();
  }
}

/** Both dialects (PostgreSQL when a server is given); what `npm run bench` stores as results.figures. */
export async function measureFigures(postgresUrl: string | undefined) {
  console.log(`figures: ${RECORDS} records and ${EVENTS} events in 大厂街道, ${ROUNDS} rounds`);
  return {
    records: RECORDS,
    events: EVENTS,
    rounds: ROUNDS,
    ...(await onBothDialects('figures', postgresUrl, measureDialect)),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const postgres = await startBenchPostgres();
  try {
    await measureFigures(postgres?.url);
  } finally {
    postgres?.stop();
  }
}
