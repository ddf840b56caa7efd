/**
 * Forward compatibility end to end (issue 11): the server gets new kinds and body versions before
 * the phones do (server first, then apps), so this build must keep syncing against a server that
 * holds records only a newer app can read — keep them out of every list, say how many in 设置, and
 * go on with everything else.
 *
 * A server of the next release is stood in for by adding to each page the real server answers a
 * 路灯 change (`streetLamp`, a kind yet to come) and, once it "has" one, a patrol log in a newer body
 * version. The real server's SQLite file gets such rows too, as a server rolled back past that
 * release would hold them: it serves neither (no access rule for streetLamp; a body version it
 * cannot read grants no one access) and still answers every pull.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-envelope';
import { homeShown, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { deviceRecord, deviceTableCounts, putOpaqueRecord } from './support/device-db';
import { PHONE } from './support/phone';
import { apiLogin, pushRecord, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const GRID = 'dachang-hubin-01';
const FUTURE_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000f0001';
const STORED_EVENT_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000f0002';
const SERVED_EVENT_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000f0003';
const FUTURE_CONTENT = '走访湖滨新寓，新版本记录';
const PUSHED_CONTENT = '复查湖滨新寓消防通道，已畅通';
const KEPT_ID = '0190a5d2-7a3b-7c4d-8e9f-0000000f0004';
const KEPT_CONTENT = '旧版本留存的巡查记录，更新后可读';

/** Inserts records a newer app wrote straight into the server's database, as the next release would hold them. */
function storeNewerRecords(dataDir: string, patrol: PatrolRecord): void {
  const db = new Database(join(dataDir, 'gridkeeper.sqlite'));
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare(
    `INSERT INTO records (id, kind, grid_id, rev, change_seq, deleted, created_at, created_by, updated_at,
       updated_by, schema_version, body, received_at)
     VALUES (?, ?, ?, 1, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextSeq = () =>
    Number(
      (db.prepare(`UPDATE counters SET value = value + 1 RETURNING value`).get() as { value: number }).value,
    );
  const stamps = [patrol.createdAt, patrol.createdBy, patrol.updatedAt, patrol.updatedBy] as const;
  db.transaction(() => {
    const futureBody = { ...patrol.body, content: FUTURE_CONTENT, weather: '小雨' };
    const eventBody = { title: '井盖缺失', category: 'publicFacility' };
    const now = new Date().toISOString();
    insert.run(
      FUTURE_ID,
      'patrol',
      GRID,
      nextSeq(),
      ...stamps,
      RECORD_SCHEMA_VERSION + 1,
      JSON.stringify(futureBody),
      now,
    );
    insert.run(STORED_EVENT_ID, 'streetLamp', GRID, nextSeq(), ...stamps, 1, JSON.stringify(eventBody), now);
  })();
  db.close();
}

/** A new patrol log pushed by the same worker's other phone: an ordinary record that must still arrive. */
async function pushFromOtherPhone(url: string, patrol: PatrolRecord): Promise<string> {
  const { token, user } = await apiLogin(url, 'hb-grid01');
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  const record = {
    ...patrol,
    id,
    rev: 0,
    createdAt: at,
    createdBy: user.id,
    updatedAt: at,
    updatedBy: user.id,
    body: { ...patrol.body, content: PUSHED_CONTENT },
  };
  await pushRecord(url, token, record);
  return id;
}

describe.runIf(chromiumAvailable())('a server holding records only a newer app can read', () => {
  const stack = useStack();

  it('the phone keeps syncing, shows them nowhere, and says how many in 设置', async () => {
    const patrol = (await serverRecords(stack.server.url, 'hb-grid01')).find(
      (r): r is PatrolRecord => r.kind === 'patrol' && r.gridId === GRID && !r.deleted,
    );
    if (!patrol) throw new Error(`the demo data has no patrol log in ${GRID}`);
    // Service workers blocked: every pull is the page's own request, so the stand-in below sees it.
    const context = await stack.browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    // A server that knows 路灯 sends it among the records of the grid, and once it holds a
    // patrol log of the next body version, that too (where the real one names it removed).
    let servesFuture = false;
    await context.route('**/api/sync/pull?*', async (route) => {
      const response = await route.fetch();
      const page = (await response.json()) as { changes: unknown[]; removed?: string[] };
      const event = {
        ...patrol,
        id: SERVED_EVENT_ID,
        kind: 'streetLamp',
        schemaVersion: 1,
        body: { title: '路灯杆倾斜待修' },
      };
      const future = {
        ...patrol,
        id: FUTURE_ID,
        schemaVersion: RECORD_SCHEMA_VERSION + 1,
        body: { ...patrol.body, content: FUTURE_CONTENT, weather: '小雨' },
      };
      const { removed = [], ...rest } = page;
      const stillRemoved = removed.filter((id) => id !== FUTURE_ID);
      await route.fulfill({
        response,
        json: {
          ...rest,
          changes: [...page.changes, event, ...(servesFuture ? [future] : [])],
          ...(stillRemoved.length > 0 && { removed: stillRemoved }),
        },
      });
    });
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    const badge = page.locator('.badge');
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('已全部同步');
    expect(await deviceRecord(page, patrol.id)).toEqual(patrol);

    storeNewerRecords(stack.server.dataDir, patrol);
    servesFuture = true;
    // The real server, holding rows it cannot read, answers pulls and serves neither.
    const served = (await serverRecords(stack.server.url, 'hb-grid01')).map((record) => record.id);
    expect(served).not.toContain(FUTURE_ID);
    expect(served).not.toContain(STORED_EVENT_ID);
    const pushedId = await pushFromOtherPhone(stack.server.url, patrol);
    await badge.click();
    await page.getByRole('button', { name: '立即同步' }).click();

    // The other phone's record arrives; the pass is a success; the newer ones are only counted.
    await expect
      .poll(() => deviceRecord(page, pushedId), { timeout: 60_000 })
      .toMatchObject({
        body: { content: PUSHED_CONTENT },
      });
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('已全部同步');
    await page.getByText('有 2 条记录需要更新应用后查看').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screens/settings-newer-records.png' });
    expect(await deviceRecord(page, FUTURE_ID)).toBeUndefined();
    expect(await deviceRecord(page, SERVED_EVENT_ID)).toBeUndefined();
    expect(await deviceRecord(page, STORED_EVENT_ID)).toBeUndefined();
    expect((await deviceTableCounts(page)).opaqueRecords).toBe(2);

    // The home list shows the new record and neither of the newer app's.
    await page.goto(`${stack.server.url}/`);
    await homeShown(page);
    await page.getByText(PUSHED_CONTENT).first().waitFor();
    expect(await page.getByText(FUTURE_CONTENT).count()).toBe(0);
    expect(await page.getByText('路灯杆倾斜待修').count()).toBe(0);

    // Still so after a reload (a cold start reads the kept rows again and still cannot read them).
    await page.reload();
    await homeShown(page);
    await page.getByText(PUSHED_CONTENT).first().waitFor();
    expect(await page.getByText(FUTURE_CONTENT).count()).toBe(0);
    expect((await deviceTableCounts(page)).opaqueRecords).toBe(2);

    // A row an older build kept for a newer app, which this build reads, becomes a record when the
    // app starts, with no pull: every pull is refused from here on.
    const kept = {
      ...patrol,
      id: KEPT_ID,
      rev: patrol.rev + 1,
      body: { ...patrol.body, content: KEPT_CONTENT },
    };
    await putOpaqueRecord(page, kept);
    await context.unroute('**/api/sync/pull?*');
    let pullsAnswered = 0;
    await context.route('**/api/sync/pull?*', (route) => route.abort('internetdisconnected'));
    page.on('requestfinished', (request) => {
      if (request.url().includes('/api/sync/pull')) pullsAnswered += 1;
    });
    await page.reload();
    await homeShown(page);
    await page.getByText(KEPT_CONTENT).first().waitFor({ timeout: 30_000 });
    expect(await deviceRecord(page, KEPT_ID)).toEqual(kept);
    expect((await deviceTableCounts(page)).opaqueRecords).toBe(2);
    expect(pullsAnswered).toBe(0);
    await context.close();
  });
});
