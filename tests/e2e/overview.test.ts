/**
 * 区域总览 (issue 13 §2): the street admin opens the area's figures from home, on the phone and on a
 * command-centre wall; the tiles show what the server counts for their whole street, the grids name
 * their community, and offline the screen shows the last snapshot with its time. A grid worker has
 * no way in.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FiguresSnapshot, figuresResponseSchema } from '../../src/sync/figures-client';
import { runAdmin } from './support/admin-process';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { apiLogin } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';

async function serverFigures(url: string, period: string, org?: string): Promise<FiguresSnapshot> {
  const { token } = await apiLogin(url, 'dc-admin');
  const response = await fetch(`${url}/api/figures?period=${period}${org ? `&org=${org}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return figuresResponseSchema.parse(await response.json());
}

/** The value a tile shows, by its label within a section. */
function tileValue(page: Page, section: string, label: string) {
  return page
    .getByRole('region', { name: section })
    .locator('summary', { has: page.locator('.tile__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.tile__value');
}

describe.runIf(chromiumAvailable())('区域总览', () => {
  const stack = useStack();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it('shows the street’s figures, grids with their community, and the last snapshot offline', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'dc-admin');
    await waitForServiceWorker(page);
    // The street admin's home offers what reaches them first, not the workers' field work.
    const create = page.getByRole('navigation', { name: '新建记录' });
    expect(await create.getByRole('button').allTextContents()).toEqual(['+矛盾纠纷', '+上报事件']);
    await page.screenshot({ path: `${SHOTS}/home-street-admin.png` });

    // 王丽's phone last synced with two records it could not send (in conflict, say): the figures
    // do not hold them, and the screen says whose they are.
    const worker = await apiLogin(stack.server.url, 'hb-grid01');
    const reported = await fetch(`${stack.server.url}/api/sync/pull?clientId=${randomUUID()}&unsynced=2`, {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(reported.status).toBe(200);

    await page.getByRole('link', { name: /区域总览/ }).click();
    await page.getByRole('heading', { name: '区域总览' }).waitFor();
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });
    await page.getByText('1 人的手机有未同步记录').click();
    await page.getByText(/^王丽：2 条，.+ 报告$/).waitFor();
    const week = await serverFigures(stack.server.url, 'week');
    expect(await tileValue(page, '上报事件', '在办').textContent()).toBe(String(week.current.events.open));
    expect(await tileValue(page, '出租房', '检查').textContent()).toBe(
      String(week.current.rentals.inspected),
    );
    // The street spans communities: each grid is named with its own.
    const gridRows = page.getByRole('region', { name: '各网格', exact: true }).locator('tbody th');
    expect(await gridRows.count()).toBe(week.grids.length);
    expect(await gridRows.allTextContents()).toContain('湖滨社区第一网格');
    // Each field worker's outcomes, by name, and nobody's clock-ins.
    const workerRows = page.getByRole('region', { name: '一线人员成效' }).locator('tbody th');
    expect(await workerRows.allTextContents()).toEqual(week.workers?.map((worker) => worker.name));
    expect(await workerRows.allTextContents()).toContain('王丽');
    await page
      .getByRole('region', { name: '一线人员成效' })
      .screenshot({ path: `${SHOTS}/overview-workers.png` });
    await page.screenshot({ path: `${SHOTS}/overview-phone.png`, fullPage: true });

    // A tile's definition is one tap away.
    await tileValue(page, '上报事件', '超期').click();
    await page.getByText(/已被黄牌\/红牌督办/).waitFor();

    await page.getByRole('button', { name: '本月' }).click();
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });
    const month = await serverFigures(stack.server.url, 'month');
    expect(await tileValue(page, '出租房', '检查').textContent()).toBe(
      String(month.current.rentals.inspected),
    );
    expect(await page.getByText('较上月').count()).toBeGreaterThan(0);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SHOTS}/overview-wall.png` });
    await page.setViewportSize(PHONE.viewport);

    // Drill down: a grid's row opens that grid's figures, and from there its records.
    await page.getByRole('link', { name: '湖滨社区第一网格' }).click();
    await page.getByRole('heading', { name: '湖滨社区第一网格' }).waitFor();
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });
    const grid = await serverFigures(stack.server.url, 'month', 'dachang-hubin-01');
    expect(await tileValue(page, '上报事件', '在办').textContent()).toBe(String(grid.current.events.open));
    expect(grid.current.events.open).toBeLessThan(month.current.events.open);
    await page.screenshot({ path: `${SHOTS}/overview-grid.png` });
    await page.getByRole('button', { name: /查看本网格的记录/ }).click();
    await page.getByRole('button', { name: '筛选（1）' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goBack();
    await page.getByRole('heading', { name: '湖滨社区第一网格' }).waitFor();
    await page.getByRole('link', { name: '返回' }).click();
    await page.getByRole('heading', { name: '区域总览' }).waitFor();
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });
    expect(await tileValue(page, '上报事件', '在办').textContent()).toBe(String(month.current.events.open));

    // Offline the kept snapshot stays, saying how old it is.
    await context.setOffline(true);
    await page.reload();
    await page.getByText(/^离线，显示 .+ 的数据$/).waitFor({ timeout: 30_000 });
    expect(await tileValue(page, '出租房', '检查').textContent()).toBe(
      String(month.current.rentals.inspected),
    );
    await page.screenshot({ path: `${SHOTS}/overview-offline.png` });
    await context.close();
  });

  it('exports the month’s events masked, refuses the full data without a reason, and records the export', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'dc-admin');
    await page.goto(`${stack.server.url}/overview?period=month`);
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: /导出数据/ }).click();
    const sheet = page.getByRole('dialog', { name: '导出数据' });
    await sheet.getByText('矛盾纠纷', { exact: true }).click();
    await sheet.getByText('CSV', { exact: true }).click();
    await page.screenshot({ path: `${SHOTS}/overview-export.png` });

    // Full data needs a reason: nothing is exported without one.
    await sheet.getByText('显示完整信息', { exact: true }).click();
    await sheet.getByRole('button', { name: '导出', exact: true }).click();
    await sheet.getByText('请选择导出完整信息的原因').waitFor();
    await page.screenshot({ path: `${SHOTS}/overview-export-reason.png` });
    await sheet.getByText('隐藏（推荐）', { exact: true }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      sheet.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gridkeeper-dispute-\d{8}-[0-9a-f-]{36}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [watermark] = text.slice(1).split('\r\n');
    expect(watermark).toContain('导出人：黄振宇');
    expect(watermark).toContain('已脱敏');
    const exportId = /导出编号：([0-9a-f-]{36})/.exec(watermark ?? '')?.[1];
    await sheet.getByText(`编号 ${exportId}`, { exact: false }).waitFor();

    const listed = await runAdmin(stack.server.dataDir, 'exports');
    expect(listed, listed.out).toMatchObject({ code: 0 });
    expect(listed.out).toMatch(
      new RegExp(`dc-admin.*kind=dispute from=\\S+ to=\\S+.*masked\\s+completed\\s+export ${exportId}`),
    );
    await context.close();
  });

  it('is not offered to a grid worker', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await page.locator('main.home-list').waitFor();
    expect(await page.getByRole('link', { name: /区域总览/ }).count()).toBe(0);
    await context.close();
  });
});
