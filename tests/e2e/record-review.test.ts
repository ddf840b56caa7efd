/**
 * Review instead of editing, on the real stack: hb-grid01 writes a patrol log; hb-leader (网格长)
 * finds it in 待审阅 on home, has no 编辑 or 删除 on it, and sends it back with a comment (退回);
 * hb-grid01 sees the comment in 今日待办 and on the record, fixes the log and resubmits (重新提交);
 * hb-leader finds it in 待审阅 again and marks it 已审阅. Screenshots at 360×780 along the way.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { createPatrol, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const CONTENT = `走访湖滨新寓7栋，发放反诈宣传资料 ${Date.now().toString(36)}`;
const COMMENT = '请补充走访的户数和发现的问题';
const HUBIN = { latitude: 32.2215, longitude: 118.7482 };

/** The record's sync box says 已同步: the step reached the server. */
async function synced(page: Page): Promise<void> {
  await page.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 90_000 });
}

async function reviewChip(page: Page, state: string): Promise<void> {
  await page.locator('.review__chip', { hasText: state }).waitFor({ timeout: 30_000 });
}

describe.runIf(chromiumAvailable())('审阅 and 退回 of a patrol log', () => {
  const stack = useStack();
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  let recordId = '';

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, page] of pages.entries())
      if (!page.isClosed()) await page.screenshot({ path: `${SHOTS}/failed-review-${i}.png` });
  });

  async function phoneOf(username: string): Promise<Page> {
    const context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...HUBIN, accuracy: 12 },
      permissions: ['geolocation'],
    });
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    await signIn(page, stack.server.url, username);
    return page;
  }

  /** The leader's home card 待审阅 and the log's row in it (behind 全部 n 项 when further down). */
  async function openFromReviewQueue(leader: Page, shot: string): Promise<void> {
    const card = leader.getByRole('region', { name: /^待审阅/ });
    const row = card.locator(`a[href="/records/${recordId}"]`);
    await card.waitFor({ timeout: 90_000 });
    await expect
      .poll(
        async () => {
          if (await row.isVisible()) return true;
          const more = card.getByRole('button', { name: /^全部/ });
          if (await more.isVisible()) await more.click();
          return row.isVisible();
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toBe(true);
    await row.scrollIntoViewIfNeeded();
    await leader.screenshot({ path: `${SHOTS}/${shot}` });
    await row.click();
    await leader.locator('.review').waitFor();
  }

  it('lets the leader send a worker’s log back with a comment, and not edit or delete it', async () => {
    const worker = await phoneOf('hb-grid01');
    await createPatrol(worker, CONTENT);
    recordId = new URL(worker.url()).pathname.split('/').at(-1) ?? '';
    expect(recordId).toMatch(/^[0-9a-f-]{36}$/);
    await reviewChip(worker, '待审阅');
    await synced(worker);
    await worker.screenshot({ path: `${SHOTS}/review-worker-submitted.png` });

    const leader = await phoneOf('hb-leader');
    await openFromReviewQueue(leader, 'review-leader-queue.png');
    await reviewChip(leader, '待审阅');
    expect(await leader.getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await leader.getByRole('button', { name: '删除' }).count()).toBe(0);
    await leader.screenshot({ path: `${SHOTS}/review-leader-detail.png` });

    await leader.getByRole('button', { name: '退回', exact: true }).click();
    // A return needs its comment: refused in Chinese, nothing saved.
    await leader.getByRole('button', { name: '确认退回' }).click();
    await leader.getByRole('alert').getByText('请写退回意见').waitFor();
    await leader.getByLabel(/退回意见/).fill(COMMENT);
    await leader.screenshot({ path: `${SHOTS}/review-leader-return.png` });
    await leader.getByRole('button', { name: '确认退回' }).click();
    await reviewChip(leader, '已退回');
    await synced(leader);
    await leader.screenshot({ path: `${SHOTS}/review-leader-returned.png` });
  });

  it('shows the worker the comment in 今日待办 and on the log; the worker fixes it and resubmits', async () => {
    const worker = pages[0];
    if (!worker) throw new Error('the worker signed in in the first test');
    await worker.goto(stack.server.url);
    const today = worker.getByRole('region', { name: /^今日待办/ });
    const task = today.locator(`a[href="/records/${recordId}"]`);
    // The worker's phone pulls the return on start.
    await task.waitFor({ timeout: 90_000 });
    await expect.poll(() => task.textContent()).toContain('被退回');
    await worker.screenshot({ path: `${SHOTS}/review-worker-today.png` });

    await task.click();
    await reviewChip(worker, '已退回');
    const returned = worker.locator('.review__returned');
    await returned.getByText(COMMENT).waitFor();
    await returned.getByText(/陈志强 于 .* 退回/).waitFor();
    await worker.screenshot({ path: `${SHOTS}/review-worker-returned.png` });

    await worker.getByRole('button', { name: '编辑' }).click();
    await worker.getByLabel('巡查走访情况').fill(`${CONTENT}；走访12户，发现楼道堆物1处，已当场清理`);
    await worker.getByRole('button', { name: '保存', exact: true }).click();
    await worker.getByRole('button', { name: '重新提交' }).click();
    await reviewChip(worker, '待审阅');
    await synced(worker);
    await worker.screenshot({ path: `${SHOTS}/review-worker-resubmitted.png` });
    // Fixed and resubmitted: nothing left to do on it today.
    await worker.goto(stack.server.url);
    await worker.getByRole('region', { name: /^今日待办/ }).waitFor();
    expect(await worker.locator(`.today-panel a[href="/records/${recordId}"]`).count()).toBe(0);
  });

  it('puts the resubmitted log in the leader’s 待审阅 again, and the leader marks it 已审阅', async () => {
    const leader = pages[1];
    if (!leader) throw new Error('the leader signed in in the first test');
    await leader.goto(stack.server.url);
    await openFromReviewQueue(leader, 'review-leader-queue-again.png');
    await reviewChip(leader, '待审阅');
    await leader.getByRole('button', { name: '审阅通过' }).click();
    await reviewChip(leader, '已审阅');
    await synced(leader);
    await leader.screenshot({ path: `${SHOTS}/review-leader-reviewed.png` });

    const onServer = (await serverRecords(stack.server.url, 'hb-leader')).find(
      (record): record is PatrolRecord => record.id === recordId,
    );
    expect(onServer?.body.content).toContain('已当场清理');
    expect(onServer?.body.reviewLogs?.map((log) => [log.action, log.by])).toEqual([
      ['return', 'demo-hb-leader'],
      ['resubmit', 'demo-hb-grid01'],
      ['review', 'demo-hb-leader'],
    ]);
    expect(onServer?.createdBy).toBe('demo-hb-grid01');
  });
});
