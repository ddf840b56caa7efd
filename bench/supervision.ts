/**
 * The server's supervision (issue 12 §6) over EVENTS open 上报事件, on SQLite and PostgreSQL, each
 * next to a baseline measured in the same round on the same rows:
 * - a run with nothing due (most runs: the job reads the `event_clocks` due index) next to a plain
 *   `select count(*)` of the event rows;
 * - a run with every event due its 黄牌 (the morning after a long holiday: each card a new
 *   revision with its change number, revision row, audit row and clock row) next to a raw
 *   `update` of as many records rows in one statement.
 * And pull: PULL_RECORDS events of one grid worker next to PULL_RECORDS patrols of another, through
 * the API in process (pages of 1,000), on one database.
 *
 * Each round starts from a copy of one filled database (a file copy on SQLite, CREATE DATABASE …
 * TEMPLATE on PostgreSQL), written once before anything is timed, so every round meets the same
 * rows; figures are medians over the rounds.
 *
 * Run alone (no build needed):
 *   npx tsx bench/supervision.ts     SUPERVISION_BENCH_ROUNDS=5, SUPERVISION_BENCH_EVENTS=20000; DATABASE_URL for PostgreSQL
 * `npm run bench` runs it with the others (results.supervision and results.eventPull).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_EVENT_TIME_LIMITS } from '../src/domain/event-supervision';
import type { GridRecord } from '../src/domain/record-envelope';
import { createApp } from '../src/server/app';
import { lockPartitions, partitionsOfGrids, takeChangeSeqs } from '../src/server/db/counters.repository';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import { saveEventClocks } from '../src/server/db/event-clocks.repository';
import { insertRecords } from '../src/server/db/records.repository';
import type { Database } from '../src/server/db/schema';
import { demoUserId } from '../src/server/demo/demo-accounts';
import { seedDemoData } from '../src/server/demo/demo-seed';
import { withServerClock } from '../src/server/push/event-push';
import { runSupervisionJob } from '../src/server/supervision/supervision-job';
import { uuidV7 } from '../src/sync/uuid-v7';
import { sampleGridEvent, samplePatrol } from '../tests/support/sample-records';
import { freshPostgresDatabase, onBothDialects, startBenchPostgres } from './postgres';
import { median, round } from './stats';

const EVENTS = Number(process.env.SUPERVISION_BENCH_EVENTS ?? 100_000);
const PULL_RECORDS = 10_000;
const ROUNDS = Number(process.env.SUPERVISION_BENCH_ROUNDS ?? 3);
/** Two streets' grids, so PostgreSQL's per-street locks and numbers are both in play. */
const GRIDS = ['dachang-hubin-01', 'taishan-tieqiao-01'];
/** The samples are reported Fri 11-20: 受理's working day ends Mon 11-23, so Tue 11-24 is 黄牌. */
const SEEDED_AT = new Date('2026-11-20T09:00:00+08:00');
const NOTHING_DUE = new Date('2026-11-23T10:00:00+08:00');
const YELLOW_DUE = new Date('2026-11-24T10:00:00+08:00');
const INSERT_CHUNK = 2_000;

interface Storage {
  config: DatabaseConfig;
  /** A fresh copy of the filled database, and how to drop it. */
  copy(name: string): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
  drop(): Promise<void>;
}

async function sqliteStorage(): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-supervision-bench-'));
  const template = join(dir, 'template.sqlite');
  return {
    config: { sqlitePath: template },
    async copy(name) {
      const path = join(dir, `${name}.sqlite`);
      copyFileSync(template, path);
      return {
        config: { sqlitePath: path },
        drop: async () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
        },
      };
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage(adminUrl: string): Promise<Storage> {
  const templateName = `gridkeeper_supervision_tpl_${process.pid}`;
  const template = await freshPostgresDatabase(adminUrl, templateName);
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    config: { url: template.url },
    async copy(name) {
      const copyName = `${name}_${process.pid}`;
      await admin(`DROP DATABASE IF EXISTS ${copyName}`);
      await admin(`CREATE DATABASE ${copyName} TEMPLATE ${templateName}`);
      const url = new URL(adminUrl);
      url.pathname = `/${copyName}`;
      return { config: { url: url.href }, drop: () => admin(`DROP DATABASE IF EXISTS ${copyName}`) };
    },
    drop: template.drop,
  };
}

/** Inserts `records` as the server stores them: each street's numbers, revisions, clock rows. */
async function insertStored(db: Kysely<Database>, records: readonly GridRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    const chunk = records.slice(start, start + INSERT_CHUNK);
    await db.transaction().execute(async (trx) => {
      const grids = [...new Set(chunk.map((record) => record.gridId))];
      const partitions = await partitionsOfGrids(trx, grids);
      await lockPartitions(trx, partitions.values());
      const rows: { record: GridRecord; changeSeq: number; receivedAt: string }[] = [];
      for (const gridId of grids) {
        const ofGrid = chunk.filter((record) => record.gridId === gridId);
        const last = await takeChangeSeqs(trx, partitions.get(gridId) ?? '', ofGrid.length);
        ofGrid.forEach((record, index) => {
          rows.push({
            record,
            changeSeq: last - ofGrid.length + 1 + index,
            receivedAt: SEEDED_AT.toISOString(),
          });
        });
      }
      await insertRecords(trx, rows);
      await saveEventClocks(trx, chunk);
    });
  }
}

function openEvent(gridId: string): GridRecord {
  const reporter = demoUserId(gridId.startsWith('taishan') ? 'tq-grid01' : 'hb-grid01');
  const sample = sampleGridEvent(uuidV7(), gridId, reporter);
  return { ...sample, rev: 1, body: withServerClock(undefined, sample.body, DEFAULT_EVENT_TIME_LIMITS) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** One dialect: the filled template, then ROUNDS copies each measured the four ways. */
async function measureDialect(label: string, storage: Storage) {
  const db = await openDatabase(storage.config);
  try {
    await seedDemoData(db, SEEDED_AT);
    // Only the bench's own events are in play: the demo events leave the job.
    await db.deleteFrom('event_clocks').execute();
    await insertStored(
      db,
      Array.from({ length: EVENTS }, (_, i) => openEvent(GRIDS[i % GRIDS.length] ?? '')),
    );
  } finally {
    await db.destroy();
  }
  const figures = {
    firstIdleJobMs: [] as number[],
    idleJobMs: [] as number[],
    countMs: [] as number[],
    dueJobMs: [] as number[],
    updateMs: [] as number[],
  };
  let carded = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const copy = await storage.copy(`gridkeeper_supervision_round_${r}`);
    const round = await openDatabase(copy.config);
    try {
      const job = (now: Date) =>
        runSupervisionJob(round, { owner: 'bench', now: () => now, intervalMs: 600_000, force: true });
      // The first write to a copied SQLite file costs some 100–200 ms whatever it writes (the
      // job's claim is that write): timed apart; the quiet run after it is what a live server pays.
      const first = await timed(() => job(NOTHING_DUE));
      figures.firstIdleJobMs.push(round2(first.ms));
      const idle = await timed(() => job(NOTHING_DUE));
      if (!idle.result.ran || idle.result.cards !== 0) throw new Error('a card was due on the quiet day');
      figures.idleJobMs.push(round2(idle.ms));
      const count = await timed(() =>
        round
          .selectFrom('records')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('kind', '=', 'gridEvent')
          .executeTakeFirst(),
      );
      figures.countMs.push(round2(count.ms));
      const due = await timed(() => job(YELLOW_DUE));
      if (!due.result.ran || due.result.events < EVENTS)
        throw new Error(`only ${JSON.stringify(due.result)} issued`);
      carded = due.result.events;
      figures.dueJobMs.push(round2(due.ms));
      const update = await timed(() =>
        round
          .transaction()
          .execute((trx) =>
            sql`UPDATE records SET rev = rev + 1, updated_at = ${YELLOW_DUE.toISOString()} WHERE kind = 'gridEvent'`.execute(
              trx,
            ),
          ),
      );
      figures.updateMs.push(round2(update.ms));
    } finally {
      await round.destroy();
      await copy.drop();
    }
  }
  const idle = median(figures.idleJobMs);
  const count = median(figures.countMs);
  const due = median(figures.dueJobMs);
  const update = median(figures.updateMs);
  console.log(
    `supervision, ${label}, ${EVENTS} open events: nothing due ${idle} ms (rounds ${figures.idleJobMs.join(', ')}; ` +
      `the first run on the copy ${figures.firstIdleJobMs.join(', ')}) vs select count(*) ${count} ms (${figures.countMs.join(', ')})`,
  );
  console.log(
    `supervision, ${label}: ${carded} 黄牌 issued in ${round(due / 1000, 1)} s = ${round((carded / due) * 1000, 0)} events/s ` +
      `(rounds ${figures.dueJobMs.map((ms) => round(ms / 1000, 1)).join(', ')} s) vs raw update of the rows ${round(update / 1000, 2)} s, ${round(due / update, 1)}x`,
  );
  return {
    events: EVENTS,
    firstRunOnCopyMsByRound: figures.firstIdleJobMs,
    nothingDueMsByRound: figures.idleJobMs,
    nothingDueMsMedian: idle,
    countScanMsByRound: figures.countMs,
    countScanMsMedian: count,
    allDueMsByRound: figures.dueJobMs,
    allDueMsMedian: due,
    allDueEventsPerSecond: round((carded / due) * 1000, 0),
    rawUpdateMsByRound: figures.updateMs,
    rawUpdateMsMedian: update,
    allDueVsRawUpdate: round(due / update, 1),
  };
}

const round2 = (ms: number) => round(ms, 1);

export async function measureSupervision(postgresUrl: string | undefined) {
  console.log(`supervision job: ${EVENTS} open events in two streets, ${ROUNDS} rounds`);
  const results: Record<string, unknown> = {};
  const sqlite = await sqliteStorage();
  try {
    results.sqlite = await measureDialect('SQLite', sqlite);
  } finally {
    await sqlite.drop();
  }
  if (postgresUrl) {
    const pg = await postgresStorage(postgresUrl);
    try {
      results.postgres = await measureDialect('PostgreSQL', pg);
    } finally {
      await pg.drop();
    }
  }
  return results;
}

/** Pulls everything `username` may read through the API, in pages of 1,000; answers ms and records. */
async function pullAll(
  app: ReturnType<typeof createApp>,
  token: string,
): Promise<{ ms: number; records: number }> {
  const clientId = uuidV7();
  const start = performance.now();
  let cursor: string | undefined;
  let records = 0;
  for (;;) {
    const query = new URLSearchParams({ clientId, limit: '1000', ...(cursor ? { cursor } : {}) });
    const response = await app.request(`/api/sync/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`pull: HTTP ${response.status}`);
    const page = (await response.json()) as { changes: unknown[]; cursor: string; hasMore: boolean };
    records += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - start, records };
}

async function measurePullDialect(label: string, config: DatabaseConfig) {
  const db = await openDatabase(config);
  try {
    await seedDemoData(db, SEEDED_AT);
    const events = Array.from({ length: PULL_RECORDS }, () => openEvent('dachang-hubin-01'));
    const patrols = Array.from({ length: PULL_RECORDS }, () => ({
      ...samplePatrol(uuidV7(), 'dachang-hubin-02', demoUserId('hb-grid02')),
      rev: 1,
    }));
    await insertStored(db, events);
    await insertStored(db, patrols);
    const app = createApp({ db, now: () => SEEDED_AT });
    const token = async (username: string) => {
      const response = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo123456' }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const eventToken = await token('hb-grid01');
    const patrolToken = await token('hb-grid02');
    const eventMs: number[] = [];
    const patrolMs: number[] = [];
    let counts = { events: 0, patrols: 0 };
    for (let r = 0; r < ROUNDS; r++) {
      const e = await pullAll(app, eventToken);
      const p = await pullAll(app, patrolToken);
      eventMs.push(round2(e.ms));
      patrolMs.push(round2(p.ms));
      counts = { events: e.records, patrols: p.records };
    }
    const e = median(eventMs);
    const p = median(patrolMs);
    console.log(
      `pull, ${label}: ${counts.events} records (${PULL_RECORDS} events) in ${e} ms (rounds ${eventMs.join(', ')}) ` +
        `vs ${counts.patrols} records (${PULL_RECORDS} patrols) in ${p} ms (${patrolMs.join(', ')}), ${round(e / p, 2)}x`,
    );
    return {
      records: PULL_RECORDS,
      eventsPulled: counts.events,
      patrolsPulled: counts.patrols,
      eventsMsByRound: eventMs,
      eventsMsMedian: e,
      patrolsMsByRound: patrolMs,
      patrolsMsMedian: p,
      eventsVsPatrols: round(e / p, 2),
    };
  } finally {
    await db.destroy();
  }
}

export async function measureEventPull(postgresUrl: string | undefined) {
  console.log(`pull: ${PULL_RECORDS} events next to ${PULL_RECORDS} patrols, ${ROUNDS} rounds`);
  return onBothDialects('pull', postgresUrl, measurePullDialect);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = new Date().toISOString();
  const postgres = await startBenchPostgres();
  const results: Record<string, unknown> = { at };
  try {
    results.supervision = await measureSupervision(postgres?.url);
    results.eventPull = await measureEventPull(postgres?.url);
  } finally {
    postgres?.stop();
  }
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${at.replaceAll(':', '-')}-supervision.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
