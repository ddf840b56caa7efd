/**
 * The supervision as real processes: two `npm run admin -- run-supervision --now …` started at
 * once on one database (one runs the job, the other is refused or finds nothing left), then real
 * server processes whose SUPERVISION_INTERVAL_MS job issues the rest on the wall clock — two of
 * them on PostgreSQL — one killed with SIGKILL as soon as it has issued a card and started again.
 * In the end every event carries each card once: one flow log entry, one revision, one audit row.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { sampleGridEvent } from '../support/sample-records';
import { type ServerChild, spawnServer } from '../support/server-child';
import { DIALECTS, emptyStorage, HUBIN_GRID_1, mutation } from '../support/test-server';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const EVENTS = 40;
/** When the events were reported (Wed before 国庆), and the day the CLI runs for: yellow is due. */
const REPORTED = new Date('2026-09-30T16:00:00+08:00');
const YELLOW_DUE = '2026-10-09T10:00:00+08:00';
const WAIT_MS = 60_000;

function runCli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(TSX, ['src/server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise<{ code: number | null; output: string }>((done) =>
    child.on('close', (code) => done({ code, output })),
  );
}

/** Waits until `check` holds, polling the database (the processes work on their own time). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Every card on every stored event, as `level` per event: what must never repeat. */
async function cardsByEvent(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'body'])
    .where('kind', '=', 'gridEvent')
    .execute();
  return new Map(
    rows.map((row) => {
      const body = JSON.parse(row.body) as { flowLogs: { action: string; supervision?: string }[] };
      const cards = body.flowLogs
        .filter((log) => log.action === 'supervise')
        .map((log) => log.supervision ?? '');
      return [row.id, cards];
    }),
  );
}

describe.each(DIALECTS)('the supervision in real processes (%s)', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('issues each card once: two CLI runs at once, then servers on the wall clock, one killed and restarted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-supervision-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const storage = dialect === 'postgres' ? await emptyStorage('postgres') : undefined;
    if (storage) cleanups.push(storage.drop);
    const databaseUrl = storage && 'url' in storage.config ? storage.config.url : undefined;
    const config = databaseUrl ? { url: databaseUrl } : { sqlitePath: join(dataDir, 'gridkeeper.sqlite') };
    const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' };

    // The events, reported before 国庆 through the API on a server whose clock stands then.
    const db = await openDatabase(config);
    cleanups.push(() => db.destroy());
    await seedDemoData(db, REPORTED);
    const app = createApp({ db, now: () => REPORTED });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-grid01', password: 'demo123456' }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };
    const at = REPORTED.toISOString();
    const events: GridRecord[] = Array.from({ length: EVENTS }, () => {
      const sample = sampleGridEvent(randomUUID(), HUBIN_GRID_1, user.id);
      const { location } = sample.body;
      const body = {
        ...sample.body,
        reportedAt: at,
        ...(location && { location: { ...location, capturedAt: at } }),
      };
      return { ...sample, createdAt: at, updatedAt: at, body };
    });
    const pushed = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        protocol: 1,
        clientId: randomUUID(),
        mutations: events.map((e) => mutation(e)),
      }),
    });
    expect(pushed.status).toBe(200);
    const ids = events.map((event) => event.id);

    // Two admins run the supervision for 10-9 at once: yellow is due on every event.
    const runs = await Promise.all([
      runCli(env, 'run-supervision', '--now', YELLOW_DUE),
      runCli(env, 'run-supervision', '--now', YELLOW_DUE),
    ]);
    for (const run of runs) expect(run.output).toMatch(/Issued \d+ cards? on \d+ events?|is running in/);
    // Between them they issued every card there is (demo events fell due too), none twice.
    // (An audit row per carded event: a demo event past both limits took both cards at once.)
    const issued = runs.map((run) => Number(/on (\d+) events?/.exec(run.output)?.[1] ?? 0));
    const audited = await db.selectFrom('audit_log').select('id').where('action', '=', 'supervise').execute();
    expect(issued.reduce((sum, n) => sum + n, 0)).toBe(audited.length);
    for (const id of ids) expect((await cardsByEvent(db)).get(id), id).toEqual(['yellow']);

    // On the wall clock (weeks later) red is due. The servers' job runs at start and every 200 ms.
    const start = () =>
      spawnServer({
        dataDir,
        ...(databaseUrl ? { databaseUrl } : {}),
        env: { SUPERVISION_INTERVAL_MS: '200' },
      });
    const servers: ServerChild[] = [];
    for (const _ of dialect === 'postgres' ? [1, 2] : [1]) servers.push(await start());
    cleanups.push(async () => {
      for (const server of servers) await server.kill('SIGKILL');
    });
    const reds = async () =>
      [...(await cardsByEvent(db)).values()].filter((cards) => cards.includes('red')).length;
    await until('a first red card', async () => (await reds()) > 0);
    await servers[0]?.kill('SIGKILL');
    servers[0] = await start();
    await until('every event red', async () => (await reds()) >= EVENTS);
    // A few more ticks of every process: nothing more is issued.
    const ticks = async () =>
      (await db.selectFrom('scheduled_jobs').select('next_run_at').executeTakeFirst())?.next_run_at;
    for (let n = 0; n < 3; n++) {
      const before = await ticks();
      await until('another run of the job', async () => (await ticks()) !== before);
    }

    const cards = await cardsByEvent(db);
    for (const id of ids) expect(cards.get(id), id).toEqual(['yellow', 'red']);
    // Demo events that fell due on the way were carded too, and none twice.
    for (const [id, levels] of cards) expect(new Set(levels).size, id).toBe(levels.length);
    const audits = await db
      .selectFrom('audit_log')
      .select(['record_id'])
      .where('action', '=', 'supervise')
      .where('record_id', 'in', ids)
      .execute();
    expect(audits.length).toBe(2 * EVENTS);
    const revisions = await db
      .selectFrom('record_revisions')
      .select('rev')
      .where('record_id', 'in', ids)
      .execute();
    expect(revisions.length).toBe(3 * EVENTS);
  }, 180_000);
});
