/**
 * The home list with 10,000 records on the device: only a window of rows is in the DOM, the
 * oldest record is reachable by scrolling, search finds addresses but never phone or ID numbers,
 * kind + status + overdue narrow to the right count, the filter and the scroll position survive
 * opening a record, and 清除筛选 brings everything back. Fixture: bench/browser/list-records.ts.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LIST_LANDLORD, LIST_PARTY_ID_NO } from '../../bench/browser/list-records';
import { goHome, homeShown, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { seedListRecords } from './support/list-seed';
import { PHONE } from './support/phone';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const RECORDS = 10_000;
/** Fixture inspections (index % 3 === 1) that are 整改中 (index % 6 === 1) and past due (index % 12 === 1). */
const RECTIFYING = Math.ceil((RECORDS - 1) / 6);
const OVERDUE = Math.ceil((RECORDS - 1) / 12);

const count = (page: Page, n: number) =>
  page
    .getByRole('status')
    .filter({ hasText: `共 ${n} 条` })
    .waitFor();

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: '搜索记录' }).fill(text);
}

describe.runIf(chromiumAvailable())('the home list', () => {
  const stack = useStack();

  it('windows 10,000 records, searches without sensitive numbers, filters by kind, status and overdue, and clears', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await stack.browser.newContext({
      ...PHONE,
      serviceWorkers: 'block',
      bypassCSP: true,
    });
    // No sync: the device holds exactly the fixture (no demo records pulled, nothing pushed).
    await context.route('**/api/sync/**', (route) => route.abort());
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await seedListRecords(context, stack.server.url, 'hb-grid01', RECORDS);
    await page.reload();
    await homeShown(page);
    await count(page, RECORDS);

    const list = page.getByRole('list', { name: '记录列表' });
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBeLessThan(60);
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(RECORDS));
    await page.screenshot({ path: `${SHOTS}/home-list-10000.png` });

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const oldest = rows.filter({ hasText: `第${RECORDS - 1}号巡查` });
    await oldest.waitFor();
    expect(await oldest.getAttribute('aria-posinset')).toBe(String(RECORDS));
    expect(await rows.count()).toBeLessThan(60);

    await search(page, '花园124号');
    await count(page, 1);
    await rows.filter({ hasText: '湖滨花园124号楼' }).waitFor();
    await search(page, LIST_LANDLORD.name);
    await count(page, Math.ceil((RECORDS - 1) / 3));

    for (const sensitive of [LIST_LANDLORD.phone, LIST_PARTY_ID_NO]) {
      await search(page, sensitive);
      await count(page, 0);
      await page.getByText(`设备上有 ${RECORDS} 条记录，被这些筛选条件隐藏了：“${sensitive}”`).waitFor();
    }
    await page.getByRole('button', { name: '清除筛选' }).click();
    await count(page, RECORDS);
    expect(await page.getByRole('searchbox', { name: '搜索记录' }).inputValue()).toBe('');

    await page
      .getByRole('navigation', { name: '按类型筛选' })
      .getByRole('button', { name: '出租房' })
      .click();
    await count(page, Math.ceil((RECORDS - 1) / 3));
    await page.getByRole('button', { name: /^筛选/ }).click();
    const sheet = page.getByRole('dialog', { name: '筛选记录' });
    await sheet.getByText('整改中', { exact: true }).click();
    await sheet.getByRole('button', { name: `查看 ${RECTIFYING} 条` }).waitFor();
    await sheet.getByRole('checkbox', { name: /仅看逾期/ }).check();
    await page.screenshot({ path: `${SHOTS}/home-list-filter-sheet.png` });
    await sheet.getByRole('button', { name: `查看 ${OVERDUE} 条` }).click();
    await count(page, OVERDUE);
    for (const chip of ['出租房', '整改中', '仅看逾期']) {
      await page.getByRole('button', { name: `移除筛选：${chip}` }).waitFor();
    }
    await expect.poll(() => rows.first().textContent()).toContain('湖滨花园1号楼');
    await page.screenshot({ path: `${SHOTS}/home-list-filtered.png` });

    // Deep in the filtered list: the 200th overdue inspection is fixture index 1 + 12 × 199.
    await page.evaluate(() => window.scrollTo(0, 18_000));
    const deep = list.locator('li[aria-posinset="200"]');
    await expect.poll(() => deep.textContent()).toContain('湖滨花园2389号楼');
    await deep.getByRole('link').click();
    await page.getByRole('link', { name: '返回' }).waitFor();
    await goHome(page);
    await count(page, OVERDUE);
    // Back where the user was, not at the top.
    await expect.poll(async () => (await deep.boundingBox())?.y ?? -1).toBeGreaterThan(0);
    expect((await deep.boundingBox())?.y).toBeLessThan(780);

    await page.getByRole('button', { name: '移除筛选：仅看逾期' }).click();
    await count(page, RECTIFYING);
    await page.getByRole('button', { name: /^筛选/ }).click();
    await sheet.getByRole('button', { name: '清除筛选' }).click();
    await sheet.getByRole('button', { name: `查看 ${RECORDS} 条` }).click();
    await count(page, RECORDS);
    expect(await page.getByRole('button', { name: /^移除筛选/ }).count()).toBe(0);
    await context.close();
  });
});
