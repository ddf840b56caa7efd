/**
 * 上报事件 as it flows, on the real stack: a grid worker on a walk finds bikes blocking a fire exit
 * and reports it offline (安全隐患: refused in Chinese without a photo, then saved with one, GPS taken
 * as the form opens); back online it syncs and the server starts its clock. The community admin
 * finds it in 待受理 on home, accepts it and dispatches it to 大厂综合执法中队; the enforcement
 * team finds it in 待处置, handles it and reports back; the reporter finds it in 待核查, verifies it
 * and closes it. The server ends with the whole 流转记录. Screenshots at 360×780 along the way.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { samplePng } from '../support/photo-samples';
import { goHome, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { apiLogin, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const TITLE = `5栋楼道电动车堵塞消防通道 ${Date.now().toString(36)}`;
const HUBIN = { latitude: 32.2215, longitude: 118.7482 };

async function serverEvent(url: string, username: string): Promise<GridEventRecord | undefined> {
  return (await serverRecords(url, username)).find(
    (r): r is GridEventRecord => r.kind === 'gridEvent' && r.body.title === TITLE,
  );
}

/** Opens a step's sheet, lets `fill` fill it in, and confirms it. */
async function step(page: Page, name: string, fill: (sheet: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name, exact: true }).click();
  const sheet = page.getByRole('dialog', { name });
  await sheet.waitFor();
  await fill(sheet);
  await sheet.getByRole('button', { name: `确认${name}` }).click();
  await sheet.waitFor({ state: 'detached' });
}

async function statusIs(page: Page, status: string): Promise<void> {
  await page.locator('.case-head .case-status', { hasText: status }).waitFor();
}

/** Home's 我的事件 card: the queue's badge, and the event's row in it. */
async function openFromQueue(page: Page, queue: string, shot: string): Promise<void> {
  const card = page.getByRole('region', { name: '我的事件' });
  const badge = card.locator('.queue-count', { hasText: queue }).locator('.queue-count__badge');
  // A supervisor's first sync brings the whole community: on a loaded machine that can take a while.
  await badge.waitFor({ timeout: 90_000 });
  const count = Number(await badge.textContent());
  expect(count).toBeGreaterThanOrEqual(1);
  const row = card.getByRole('link', { name: new RegExp(TITLE) });
  // The card shows the first rows; the rest behind 全部 n 项.
  if (!(await row.isVisible())) await card.getByRole('button', { name: /^全部/ }).click();
  await row.waitFor();
  await expect.poll(() => row.textContent()).toContain(queue);
  await page.screenshot({ path: `${SHOTS}/${shot}` });
  await row.click();
  await page.locator('.case-head').waitFor();
}

/** A supervisor's phone may still be pulling its first pages when the step is pushed behind them. */
async function synced(page: Page): Promise<void> {
  try {
    await page.locator('.sync-box').getByText('已同步', { exact: true }).waitFor({ timeout: 60_000 });
  } catch (error) {
    // Names what the record's sync box showed instead, for the run's log.
    const shown = await page
      .locator('.sync-box')
      .textContent()
      .catch(() => '(no sync box)');
    throw new Error(`not synced within 60 s; the sync box shows: ${shown}`, { cause: error });
  }
}

describe.runIf(chromiumAvailable())('上报事件 from the field to 结案', () => {
  const stack = useStack();
  const contexts: BrowserContext[] = [];
  let page: Page | undefined;
  let worker: Page | undefined;

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-event-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  async function phoneOf(username: string): Promise<Page> {
    const context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...HUBIN, accuracy: 12 },
      permissions: ['geolocation'],
    });
    contexts.push(context);
    page = await context.newPage();
    await signIn(page, stack.server.url, username);
    return page;
  }

  it('reports a 安全隐患 offline with a photo and GPS; back online it syncs and the server starts its clock', async () => {
    worker = await phoneOf('hb-grid01');
    await waitForServiceWorker(worker);
    await worker.context().setOffline(true);
    await worker.getByText('离线').first().waitFor();

    await worker.getByRole('button', { name: '上报事件', exact: true }).click();
    await worker.getByRole('heading', { name: '上报事件' }).waitFor();
    await worker.getByText(/已定位/).waitFor();
    await worker.getByLabel('事件名称').fill(TITLE);
    await worker.getByLabel('事件大类').selectOption({ label: '安全隐患' });
    await worker.getByText('安全隐患须附现场照片').waitFor();
    await worker.getByLabel('事件小类').selectOption({ label: '电动自行车违规停放/充电' });
    await worker.getByLabel('事情简述').fill('5栋1单元楼道口停放电动车6辆，堵塞消防通道');
    await worker.getByLabel('发生地点').fill('湖滨新寓5栋1单元');
    expect(await worker.getByLabel('来源方式').inputValue()).toBe('patrol');
    await worker.screenshot({ path: `${SHOTS}/event-form.png` });

    // No photo yet: refused in Chinese, nothing saved.
    await worker.getByRole('button', { name: '保存', exact: true }).click();
    await worker.getByText('安全隐患须至少附一张现场照片').first().waitFor();
    await worker.screenshot({ path: `${SHOTS}/event-form-photo-required.png` });
    expect(await worker.getByRole('heading', { name: '上报事件' }).isVisible()).toBe(true);

    await worker.setInputFiles('#photoIds-gallery', {
      name: 'bikes.png',
      mimeType: 'image/png',
      buffer: Buffer.from(samplePng(5, 1200, 900)),
    });
    await worker.locator('img.photo-thumb').first().waitFor();
    await worker.getByRole('heading', { name: '处置方式' }).evaluate((el) => el.scrollIntoView());
    await worker.screenshot({ path: `${SHOTS}/event-form-handling.png` });
    await worker.getByRole('button', { name: '保存', exact: true }).click();

    await statusIs(worker, '待受理');
    await worker.getByText('同步后开始计时').waitFor();
    await worker.getByText('待同步', { exact: true }).first().waitFor();
    await worker.screenshot({ path: `${SHOTS}/event-detail-offline.png` });

    await worker.context().setOffline(false);
    await synced(worker);
    // The server's clock came back with the push: 受理 within one working day.
    await worker
      .locator('.case-head__facts')
      .getByText(/剩余\d+个工作日|今天到期/)
      .waitFor();

    const onServer = await serverEvent(stack.server.url, 'hb-grid01');
    expect(onServer?.body).toMatchObject({
      status: 'reported',
      categoryL1: 'safetyHazard',
      categoryL2: 'eBike',
      source: 'patrol',
      reportedBy: 'demo-hb-grid01',
      reportedLevel: 'grid',
      handlingLevel: 'grid',
      clock: { step: 'accept' },
    });
    expect(onServer?.body.location?.lngLat).toEqual([HUBIN.longitude, HUBIN.latitude]);
    const [photo] = onServer?.body.photoIds ?? [];
    expect(photo).toMatch(/^[0-9a-f]{64}$/);
    const { token } = await apiLogin(stack.server.url, 'hb-grid01');
    await expect
      .poll(
        async () =>
          (
            await fetch(`${stack.server.url}/api/photos/${photo}`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).status,
      )
      .toBe(200);
  });

  it('is 待受理 on the community admin’s home; accepted with one tap, then dispatched to 综合执法', async () => {
    const admin = await phoneOf('hb-admin');
    await openFromQueue(admin, '待受理', 'event-queue-admin.png');
    expect(await admin.getByRole('button', { name: '受理', exact: true }).isVisible()).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/event-detail-admin.png` });

    await admin.getByRole('button', { name: '受理', exact: true }).click();
    await statusIs(admin, '待派遣');
    await step(admin, '交办', async (sheet) => {
      await sheet.getByLabel('交办单位').selectOption({ label: '大厂综合执法中队（综合执法）' });
      expect(await sheet.getByLabel('办理期限').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await admin.screenshot({ path: `${SHOTS}/event-assign-sheet.png` });
    });
    await statusIs(admin, '待处置');
    await admin.locator('.case-head').getByText('大厂综合执法中队').waitFor();
    await synced(admin);
    expect((await serverEvent(stack.server.url, 'hb-admin'))?.body).toMatchObject({
      status: 'assigned',
      departmentId: 'dachang-zhifa',
      handlingLevel: 'grid',
    });
  });

  it('is 待处置 on the enforcement team’s home; handled and reported back with a note', async () => {
    const enforce = await phoneOf('hb-enforce');
    await openFromQueue(enforce, '待处置', 'event-queue-enforce.png');
    await enforce.getByRole('button', { name: '开始处置', exact: true }).click();
    await statusIs(enforce, '处置中');
    await step(enforce, '处置完成', async (sheet) => {
      await sheet.getByLabel('处置结果').fill('已联系车主移走电动车6辆，通道畅通');
      await enforce.screenshot({ path: `${SHOTS}/event-complete-sheet.png` });
    });
    await statusIs(enforce, '待核查');
    await synced(enforce);
  });

  it('is 待核查 on the reporter’s home; verified and closed, with the whole flow on the server', async () => {
    if (!worker) throw new Error('the worker’s phone is open from the first test');
    page = worker;
    await goHome(worker);
    // Back to the app: a sync on becoming visible (here a reload) brings the department's step.
    await worker.reload();
    await openFromQueue(worker, '待核查', 'event-queue-worker.png');
    await step(worker, '核查', async (sheet) => {
      await sheet.getByText('通过', { exact: true }).click();
    });
    await statusIs(worker, '核查通过');
    await worker.getByRole('button', { name: '结案', exact: true }).click();
    await statusIs(worker, '已结案');
    await worker.getByRole('heading', { name: '流转记录' }).evaluate((el) => el.scrollIntoView());
    await worker.screenshot({ path: `${SHOTS}/event-detail-closed.png` });
    await synced(worker);

    const onServer = await serverEvent(stack.server.url, 'hb-grid01');
    expect(onServer?.body.status).toBe('closed');
    expect(onServer?.body.handlingNote).toBe('已联系车主移走电动车6辆，通道畅通');
    expect(onServer?.body.flowLogs.map((log) => [log.action, log.by])).toEqual([
      ['accept', 'demo-hb-admin'],
      ['assign', 'demo-hb-admin'],
      ['process', 'demo-hb-enforce'],
      ['complete', 'demo-hb-enforce'],
      ['verify', 'demo-hb-grid01'],
      ['close', 'demo-hb-grid01'],
    ]);
    expect(onServer?.body.clock).toBeUndefined();
  });
});
