/**
 * A home per role (issue 13 §1), on the real stack: a grid worker registers a neighbours' dispute
 * that may turn criminal; the mediator's home lists it 待受理 and offers no patrol or rental work;
 * the community officer's home opens with 警务关注 — that dispute and the demo event dispatched to
 * 大厂派出所 — each row opening its record.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { sampleDispute } from '../support/sample-records';
import { signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { apiLogin, pushRecord } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const TITLE = '邻里停车位纠纷双方推搡';
const STATION_EVENT = '可疑人员冒充燃气公司上门推销';

/** The dispute as a grid worker's phone would push it: new, registered now, flagged criminalRisk. */
async function registerRiskyDispute(url: string): Promise<DisputeRecord> {
  const worker = await apiLogin(url, 'hb-grid01');
  const now = new Date().toISOString();
  const sample = sampleDispute(randomUUID(), 'dachang-hubin-01', worker.user.id);
  const record: DisputeRecord = {
    ...sample,
    rev: 0,
    createdAt: now,
    updatedAt: now,
    body: { ...sample.body, title: TITLE, registeredAt: now, riskFlags: ['criminalRisk'] },
  };
  await pushRecord(url, worker.token, record);
  return record;
}

async function createButtons(page: Page): Promise<string[]> {
  const bar = page.getByRole('navigation', { name: '新建记录' });
  return bar.getByRole('button').allTextContents();
}

describe.runIf(chromiumAvailable())('a home per role', () => {
  const stack = useStack();
  let dispute: DisputeRecord;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dispute = await registerRiskyDispute(stack.server.url);
  });

  it('the mediator’s: the new case 待受理 first, and only 矛盾纠纷 to create', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-mediator');
    const today = page.getByRole('region', { name: /今日待办/ });
    const row = today.getByRole('link', { name: new RegExp(TITLE) });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/待受理 · 调解期限还剩\d+天/);
    expect(await createButtons(page)).toEqual(['+矛盾纠纷']);
    expect(await page.getByRole('button', { name: /开始巡查/ }).count()).toBe(0);
    // The kind chips offer only what a mediator reads: no 巡查 or 出租房 that could show nothing.
    const chips = page.getByRole('navigation', { name: '按类型筛选' }).getByRole('button');
    expect(await chips.allTextContents()).toEqual(['全部', '纠纷', '事件']);
    await page.screenshot({ path: `${SHOTS}/home-mediator.png` });
    await context.close();
  });

  it('the community officer’s: 警务关注 with the risky dispute and the event at the 派出所', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-police');
    const card = page.getByRole('region', { name: /警务关注/ });
    const disputeRow = card.getByRole('link', { name: new RegExp(TITLE) });
    const eventRow = card.getByRole('link', { name: new RegExp(STATION_EVENT) });
    await disputeRow.waitFor({ timeout: 60_000 });
    await eventRow.waitFor();
    expect(await disputeRow.textContent()).toContain('纠纷 · 可能引发治安/刑事案件');
    expect(await eventRow.textContent()).toContain('事件 · 已交办派出所');
    // The card comes before the rest of home: the officer's own work first.
    const cardTop = (await card.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const todayTop = (await page.getByRole('region', { name: /今日待办/ }).boundingBox())?.y ?? 0;
    expect(cardTop).toBeLessThan(todayTop);
    await page.screenshot({ path: `${SHOTS}/home-police.png` });

    await disputeRow.click();
    await page.waitForURL(`**/records/${dispute.id}`);
    await page.getByText(TITLE).first().waitFor();
    await context.close();
  });
});
