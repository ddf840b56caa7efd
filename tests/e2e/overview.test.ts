/**
 * 区域总览 (issue 13 §2): the street admin opens the area's figures from home, on the phone and on a
 * command-centre wall; the tiles show what the server counts for their whole street, the grids name
 * their community, and offline the screen shows the last snapshot with its time. A grid worker has
 * no way in.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
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

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** What a trend chart's canvas says to a screen reader, from the server's own series. */
function trendSummary(figures: FiguresSnapshot, current: string, previous: string): string {
  const trend = figures.trend;
  if (!trend) throw new Error('no trend in the figures');
  return (
    `${current}上报 ${sum(trend.current.reported)} 件、办结 ${sum(trend.current.closed)} 件；` +
    `${previous}上报 ${sum(trend.previous.reported)} 件、办结 ${sum(trend.previous.closed)} 件。`
  );
}

/** A chart's canvas in a section: drawn at a size, with some pixels painted, and its aria-label. */
async function chartIn(page: Page, section: string, index = 0) {
  const canvas = page.getByRole('region', { name: section, exact: true }).locator('canvas').nth(index);
  await canvas.waitFor();
  // Chart.js arrives in its own chunk after the tiles: wait until it has painted something.
  await expect
    .poll(() =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const context = element.getContext('2d');
        if (!context || element.width === 0 || element.height === 0) return 0;
        const { data } = context.getImageData(0, 0, element.width, element.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
        return painted;
      }),
    )
    .toBeGreaterThan(500);
  const size = await canvas.boundingBox();
  return {
    label: await canvas.getAttribute('aria-label'),
    width: size?.width ?? 0,
    height: size?.height ?? 0,
  };
}

interface Shaded {
  gridId: string;
  shade: string;
  overdue: number;
  /** A point inside the grid, on the page, to tap. */
  x: number;
  y: number;
}

/** The supervisor's map as drawn: each grid's shade and a point in it, and the heat's total count. */
function shadedMap(page: Page): Promise<{ grids: Shaded[]; heat: number; heatLayer: boolean }> {
  return page.evaluate(async () => {
    const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    if (!map?.getLayer('grid-shade')) return { grids: [], heat: 0, heatLayer: false };
    const box = map.getCanvas().getBoundingClientRect();
    const grids = new Map<string, Shaded>();
    for (const feature of map.queryRenderedFeatures({ layers: ['grid-shade'] })) {
      const { gridId, shade, overdue } = feature.properties as {
        gridId: string;
        shade: string;
        overdue: number;
      };
      if (grids.has(gridId) || feature.geometry.type !== 'Polygon') continue;
      // A point well inside: the middle of the ring's vertices, checked to hit this grid.
      const ring: number[][] = feature.geometry.coordinates[0] ?? [];
      const lng = ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length;
      const lat = ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length;
      const at = map.project([lng, lat]);
      const hit = map.queryRenderedFeatures(at, { layers: ['grid-shade'] })[0]?.properties.gridId;
      grids.set(gridId, {
        gridId,
        shade,
        overdue,
        x: hit === gridId ? box.left + at.x : Number.NaN,
        y: box.top + at.y,
      });
    }
    const source = map.getSource('heat') as unknown as {
      getData(): Promise<{ features: { properties: { count: number } }[] }>;
    };
    const heat = (await source.getData()).features.reduce((total, f) => total + f.properties.count, 0);
    return { grids: [...grids.values()], heat, heatLayer: map.getLayer('event-heat')?.type === 'heatmap' };
  });
}

describe.runIf(chromiumAvailable())('区域总览', () => {
  const stack = useStack();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it('shows the street’s figures, grids with their community, and the last snapshot offline', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    // The charts draw on canvas under the app's CSP (no 'unsafe-eval', styles from 'self'): nothing refused.
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
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
    // 办结 is a tile too, and the trend's lines add up to it and to 上报.
    expect(await tileValue(page, '上报事件', '办结').textContent()).toBe(String(week.current.events.closed));
    expect(sum(week.trend?.current.reported ?? [])).toBe(week.current.events.reported);
    const trend = await chartIn(page, '事件趋势');
    expect(trend.label).toBe(trendSummary(week, '本周', '上周'));
    expect(trend.width).toBeGreaterThan(300);
    expect(trend.height).toBeGreaterThan(150);
    // What the counts are made of: events by status now, and each count said in words.
    const byStatus = await chartIn(page, '事件与隐患构成', 0);
    expect(byStatus.label).toMatch(/^事件现状（按状态）：/);
    expect(byStatus.label).toContain(`待处置 ${week.current.events.byStatus.assigned}`);
    expect(sum(Object.values(week.current.events.byStatus))).toBeGreaterThan(0);
    const byCategory = await chartIn(page, '事件与隐患构成', 1);
    for (const count of Object.values(week.current.events.byCategory))
      expect(byCategory.label).toContain(` ${count}`);
    await page
      .getByRole('region', { name: '事件趋势' })
      .screenshot({ path: `${SHOTS}/overview-trend-phone.png` });
    await page
      .getByRole('region', { name: '事件与隐患构成' })
      .screenshot({ path: `${SHOTS}/overview-breakdown-phone.png` });
    // The same numbers as a table, one tap away.
    await page.getByRole('region', { name: '事件趋势' }).getByText('查看数据表').click();
    const trendRows = page.getByRole('region', { name: '事件趋势' }).locator('tbody tr');
    expect(await trendRows.count()).toBe(7);
    expect(await trendRows.first().locator('th').textContent()).toBe('周一');
    await page.getByRole('region', { name: '事件趋势' }).getByText('查看数据表').click();
    // The supervisor's map: every grid shaded by what is overdue, then open; the period's heat.
    const mapSection = page.getByRole('region', { name: '网格态势图' });
    await mapSection.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await shadedMap(page)).grids.length, { timeout: 60_000 })
      .toBe(week.grids.length);
    const drawnMap = await shadedMap(page);
    for (const grid of week.grids) {
      const shade = grid.overdue > 0 ? 'overdue' : grid.open > 0 ? 'open' : 'clear';
      expect(drawnMap.grids.find((g) => g.gridId === grid.gridId)?.shade, grid.gridId).toBe(shade);
    }
    expect(drawnMap.heatLayer).toBe(true);
    // The heat's squares come in their own setData: wait for the worker to hold them.
    const heatTotal = sum((week.heat ?? []).map((cell) => cell.count));
    expect(heatTotal).toBeGreaterThan(0);
    await expect.poll(async () => (await shadedMap(page)).heat).toBe(heatTotal);
    await mapSection.getByRole('button', { name: /图例/ }).click();
    await mapSection.getByText('有超期：颜色越深，超期越多').waitFor();
    await mapSection.screenshot({ path: `${SHOTS}/map-overview-phone.png` });
    await mapSection.getByRole('button', { name: /图例/ }).click();
    // A tap on a grid opens its figures.
    const hubin = drawnMap.grids.find((g) => g.gridId === 'dachang-hubin-01');
    expect(Number.isNaN(hubin?.x)).toBe(false);
    await page.mouse.click(hubin?.x ?? 0, hubin?.y ?? 0);
    await page.getByRole('heading', { name: '湖滨社区第一网格' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: '区域总览' }).waitFor();
    await page.getByText(/^数据截至 /).waitFor({ timeout: 30_000 });
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

    expect((await chartIn(page, '事件趋势')).label).toBe(trendSummary(month, '本月', '上月'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    const wallTrend = await chartIn(page, '事件趋势');
    expect(wallTrend.width).toBeGreaterThan(800);
    await page.screenshot({ path: `${SHOTS}/overview-wall.png` });
    await page.getByRole('region', { name: '网格态势图' }).scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await shadedMap(page)).grids.length, { timeout: 60_000 })
      .toBe(month.grids.length);
    await page.screenshot({ path: `${SHOTS}/map-overview-wall.png` });
    // The whole wall page in one shot: a taller viewport, not fullPage (whose resize blanks the canvases).
    await page.setViewportSize({ width: 1920, height: 2400 });
    await chartIn(page, '事件与隐患构成', 2);
    await page.screenshot({ path: `${SHOTS}/overview-wall-full.png` });
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
    // The charts too, drawn from the kept snapshot.
    expect((await chartIn(page, '事件趋势')).label).toBe(trendSummary(month, '本月', '上月'));
    await page.screenshot({ path: `${SHOTS}/overview-offline.png` });
    expect(refused).toEqual([]);
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
