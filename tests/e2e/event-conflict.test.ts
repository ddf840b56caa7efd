/**
 * Two people take the same step on one event at once (issue 12 §7): 网格长 and 社区管理员 both
 * 受理 a reported event while offline. The first back online wins; the server's state machine
 * refuses the second (a second 受理 of an accepted event), so that phone shows a conflict. Its
 * resolution screen says, in Chinese, who accepted it first, which of the user's steps did not take
 * effect and what they may do now; confirming keeps the server's flow, with one 受理 in it.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const TITLE = `湖滨新寓北门路灯不亮 ${Date.now().toString(36)}`;

async function reportEvent(page: Page): Promise<void> {
  await page.getByRole('button', { name: '上报事件', exact: true }).click();
  await page.getByRole('heading', { name: '上报事件' }).waitFor();
  await page.getByLabel('事件名称').fill(TITLE);
  await page.getByLabel('事件大类').selectOption({ label: '城市管理-部件' });
  await page.getByLabel('事件小类').selectOption({ label: '公共设施类' });
  await page.getByLabel('事情简述').fill('北门两盏路灯连续三晚不亮，居民夜间出行不便');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('.case-head').waitFor();
  await page.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 30_000 });
}

/** Opens the event from the home list and takes 受理 with its one tap. */
async function accept(page: Page): Promise<void> {
  await page.getByText(TITLE).first().click();
  await page.getByRole('button', { name: '受理', exact: true }).click();
  await page.locator('.case-head .case-status', { hasText: '待派遣' }).waitFor();
}

describe.runIf(chromiumAvailable())('two 受理 of one event at once', () => {
  const stack = useStack();
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function phoneOf(username: string): Promise<Page> {
    const context = await stack.browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, stack.server.url, username);
    await waitForServiceWorker(page);
    return page;
  }

  it('lets the first win, and shows the second what happened and what is possible now', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const worker = await phoneOf('hb-grid01');
    await reportEvent(worker);

    const admin = await phoneOf('hb-admin');
    const leader = await phoneOf('hb-leader');
    await admin.getByText(TITLE).first().waitFor({ timeout: 30_000 });
    await leader.getByText(TITLE).first().waitFor({ timeout: 30_000 });
    await admin.context().setOffline(true);
    await leader.context().setOffline(true);
    await accept(admin);
    await accept(leader);

    await admin.context().setOffline(false);
    await admin.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 30_000 });
    await leader.context().setOffline(false);
    await leader.locator('.sync-box').getByText('冲突', { exact: true }).waitFor({ timeout: 30_000 });
    await leader.getByRole('button', { name: '处理冲突' }).click();

    const note = leader.getByRole('region', { name: '事件已被他人办理' });
    await note.getByText('现为“待派遣”', { exact: false }).waitFor();
    await expect.poll(() => note.textContent()).toMatch(/服务器上已办理的步骤受理 · 待受理 → 待派遣.*郑敏/);
    await expect.poll(() => note.textContent()).toMatch(/你的以下步骤未生效受理 · 待受理 → 待派遣.*陈志强/);
    await note.getByText(/你现在可以：交办/).waitFor();
    // The workflow is not offered field by field: the server's stands.
    expect(await leader.getByRole('group', { name: 'body.flowLogs' }).count()).toBe(0);
    await leader.screenshot({ path: `${SHOTS}/event-conflict.png` });

    await leader.getByRole('button', { name: '确认并同步' }).click();
    await leader.locator('.case-head .case-status', { hasText: '待派遣' }).waitFor();
    await leader.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 30_000 });
    await leader.getByRole('button', { name: '交办', exact: true }).waitFor();

    const onServer = (await serverRecords(stack.server.url, 'hb-admin')).find(
      (r): r is GridEventRecord => r.kind === 'gridEvent' && r.body.title === TITLE,
    );
    expect(onServer?.body.status).toBe('accepted');
    expect(onServer?.body.flowLogs.map((log) => [log.action, log.by])).toEqual([['accept', 'demo-hb-admin']]);
  });
});
