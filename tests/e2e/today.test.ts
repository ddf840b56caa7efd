/**
 * 今日待办 on the real stack: a grid worker signs in, the demo records of the grid reach the device,
 * and the home screen shows what is due — the inspection hazard whose deadline is around today
 * first among them — and a tap on a task opens its record.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shortAddress } from '../../src/app/lib/short-address';
import type { GridRecord } from '../../src/domain/record-envelope';
import { type TodayTask, todayTasks } from '../../src/domain/today-tasks';
import { signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';

describe.runIf(chromiumAvailable())('今日待办 on the home screen', () => {
  const stack = useStack();
  let worker: BrowserContext;
  let page: Page;
  let records: GridRecord[];
  let expected: TodayTask[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext(PHONE);
    records = await serverRecords(stack.server.url, 'hb-grid01');
    // As the app computes them for its user: an event's clock counts only while it waits for them.
    expected = todayTasks(records, new Date(), {
      actor: { id: 'demo-hb-grid01', role: 'fullTimeGridWorker' },
    });
  });

  afterAll(() => worker?.close());

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-today-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  it('lists the grid’s due hazards and disputes, most urgent first, and opens a task’s record', async () => {
    // The demo data promises an inspection hazard due around today in this grid.
    expect(expected.some((task) => task.kind === 'hazardDue' || task.kind === 'hazardOverdue')).toBe(true);

    page = await worker.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    const panel = page.getByRole('region', { name: /今日待办/ });
    await panel.getByRole('heading', { name: `今日待办 ${expected.length} 项` }).waitFor();

    const rows = panel.getByRole('link');
    expect(await rows.count()).toBe(Math.min(expected.length, 3));
    const first = expected[0] as TodayTask;
    const firstRecord = records.find((r) => r.id === first.recordId);
    if (firstRecord?.kind === 'rentalInspection') {
      const hazard = firstRecord.body.hazards.find((h) => h.id === first.hazardId);
      expect(await rows.first().textContent()).toContain(
        `${shortAddress(firstRecord.body.address)} · ${hazard?.description}`,
      );
    }
    const when =
      first.kind === 'eventOverdue'
        ? '事件超期'
        : first.daysLeft < 0
          ? `逾期${-first.daysLeft}天`
          : first.daysLeft === 0
            ? '今天'
            : '还剩';
    expect(await rows.first().textContent()).toContain(when);
    await expect.poll(() => panel.getByText(/本月小事不出网格：\d+ 件/).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/today-panel.png` });

    if (expected.length > 3) {
      await panel.getByRole('button', { name: `全部 ${expected.length} 项` }).click();
      expect(await rows.count()).toBe(expected.length);
    }

    await rows.first().click();
    await page.waitForURL(`**/records/${first.recordId}`);
    await page.getByRole('button', { name: '编辑' }).waitFor();
  });
});
