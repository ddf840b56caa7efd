/**
 * An event nobody touches is supervised on the server's clock (issue 12 §6): a worker reports it,
 * the community admin leaves it in 待受理, and as the fake clock passes the end of the 受理 limit it
 * draws 黄牌, and past the red limit 红牌. The server's job issues each card (here by
 * `npm run admin -- run-supervision --now`, the in-process job switched off), the admin's phone
 * (its clock moved to the same instant) pulls it, and shows it in 我的事件 and in the 流转记录.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/due-dates';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { runAdmin } from './support/admin-process';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const TITLE = `小区东门垃圾堆放无人清运 ${Date.now().toString(36)}`;

async function serverEvent(url: string): Promise<GridEventRecord> {
  const event = (await serverRecords(url, 'hb-admin')).find(
    (r): r is GridEventRecord => r.kind === 'gridEvent' && r.body.title === TITLE,
  );
  if (!event) throw new Error(`the event ${TITLE} is not on the server`);
  return event;
}

/** 09:00 in China on the day after `day`: the first morning the limit that ends on `day` has passed. */
function morningAfter(day: string): string {
  return `${addDays(day, 1)}T09:00:00+08:00`;
}

describe.runIf(chromiumAvailable())('an event left in 待受理 draws 黄牌, then 红牌', () => {
  // The job runs only when the test says so, at the instant it names.
  const stack = useStack({ SUPERVISION_INTERVAL_MS: '0' });
  const contexts: BrowserContext[] = [];

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function phoneOf(username: string): Promise<Page> {
    const context = await stack.browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, stack.server.url, username);
    return page;
  }

  /** The event's row in home's 我的事件 card, once it says `text`. */
  async function queueRowSays(page: Page, text: string): Promise<void> {
    const card = page.getByRole('region', { name: '我的事件' });
    await card.waitFor({ timeout: 90_000 });
    const row = card.getByRole('link', { name: new RegExp(TITLE) });
    const all = card.getByRole('button', { name: /^全部/ });
    await row.or(all).first().waitFor({ timeout: 90_000 });
    if (!(await row.isVisible())) await all.click();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain(text);
  }

  /** Moves the phone's clock to `instant` and brings the app back (a reload syncs). */
  async function phoneAt(page: Page, instant: string): Promise<void> {
    await page.clock.setFixedTime(new Date(instant));
    await page.reload();
    await page.locator('main.home-list').waitFor();
  }

  async function supervisionAt(instant: string): Promise<void> {
    const run = await runAdmin(stack.server.dataDir, 'run-supervision', '--now', instant);
    expect(run, run.out).toMatchObject({ code: 0 });
    expect(run.out).toMatch(/^Issued \d+ cards? on \d+ events? due at /m);
  }

  it('is reported and synced, and waits in the admin’s 待受理 with its working days left', async () => {
    const worker = await phoneOf('hb-grid01');
    await waitForServiceWorker(worker);
    await worker.getByRole('button', { name: '上报事件', exact: true }).click();
    await worker.getByRole('heading', { name: '上报事件' }).waitFor();
    await worker.getByLabel('事件名称').fill(TITLE);
    await worker.getByLabel('事件大类').selectOption({ label: '城市管理-事件' });
    await worker.getByLabel('事件小类').selectOption({ label: '市容环境' });
    await worker.getByLabel('事情简述').fill('东门外垃圾堆放三天，无人清运，气味大');
    await worker.getByLabel('发生地点').fill('湖滨新寓东门');
    await worker.getByRole('button', { name: '保存', exact: true }).click();
    await worker.locator('.case-head .case-status', { hasText: '待受理' }).waitFor();
    await worker.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 60_000 });

    const event = await serverEvent(stack.server.url);
    expect(event.body.clock?.step).toBe('accept');
    expect(event.body.supervision).toBeUndefined();

    const admin = await phoneOf('hb-admin');
    await queueRowSays(admin, '待受理');
    const row = admin
      .getByRole('region', { name: '我的事件' })
      .getByRole('link', { name: new RegExp(TITLE) });
    expect(await row.textContent()).toMatch(/剩余\d+个工作日|今天到期/);
    await admin.screenshot({ path: `${SHOTS}/event-cards-before.png` });
  });

  it('draws 黄牌 the morning after the 受理 limit, issued once by the server and shown on the phone', async () => {
    const { clock } = (await serverEvent(stack.server.url)).body;
    if (!clock) throw new Error('the server stamped no clock');
    const yellowAt = morningAfter(clock.yellowDay);
    // The day before the card is due nothing is issued: the limit's last day still counts.
    await supervisionAt(`${clock.yellowDay}T17:00:00+08:00`);
    expect((await serverEvent(stack.server.url)).body.supervision).toBeUndefined();

    await supervisionAt(yellowAt);
    const carded = (await serverEvent(stack.server.url)).body;
    expect(carded.supervision).toBe('yellow');
    expect(carded.status).toBe('reported');
    expect(carded.flowLogs.filter((log) => log.action === 'supervise')).toMatchObject([
      { supervision: 'yellow', by: expect.any(String) },
    ]);
    // Run again at the same instant: the card is the event's, nothing is issued twice.
    await supervisionAt(yellowAt);
    expect(
      (await serverEvent(stack.server.url)).body.flowLogs.filter((l) => l.action === 'supervise'),
    ).toHaveLength(1);

    const admin = contexts[1]?.pages()[0];
    if (!admin) throw new Error('the admin’s phone is open from the first test');
    await phoneAt(admin, yellowAt);
    await queueRowSays(admin, '黄牌');
    await admin.screenshot({ path: `${SHOTS}/event-cards-yellow.png` });
    await admin
      .getByRole('region', { name: '我的事件' })
      .getByRole('link', { name: new RegExp(TITLE) })
      .click();
    await admin.locator('.case-head').getByText('黄牌督办').waitFor();
    await admin.getByRole('heading', { name: '流转记录' }).evaluate((el) => el.scrollIntoView());
    await admin
      .getByText(/自动黄牌督办/)
      .first()
      .waitFor();
    await admin.screenshot({ path: `${SHOTS}/event-cards-yellow-detail.png` });
  });

  it('draws 红牌 the morning after the red limit', async () => {
    const { clock } = (await serverEvent(stack.server.url)).body;
    if (!clock) throw new Error('the server stamped no clock');
    const redAt = morningAfter(clock.redDay);
    await supervisionAt(redAt);
    const carded = (await serverEvent(stack.server.url)).body;
    expect(carded.supervision).toBe('red');
    expect(carded.flowLogs.filter((log) => log.action === 'supervise').map((log) => log.supervision)).toEqual(
      ['yellow', 'red'],
    );

    const admin = contexts[1]?.pages()[0];
    if (!admin) throw new Error('the admin’s phone is open from the first test');
    await admin.goto(stack.server.url);
    await phoneAt(admin, redAt);
    await queueRowSays(admin, '红牌');
    await admin.screenshot({ path: `${SHOTS}/event-cards-red.png` });
    await admin
      .getByRole('region', { name: '我的事件' })
      .getByRole('link', { name: new RegExp(TITLE) })
      .click();
    await admin.locator('.case-head').getByText('红牌督办').waitFor();
  });
});
