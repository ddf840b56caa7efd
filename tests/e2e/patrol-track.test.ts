/**
 * A patrol as a grid worker walks it, in real Chromium with the geolocation override: 开始巡查,
 * walk a street, one fix too inaccurate to keep, a long pause (the clock jumps 75 s), a killed tab
 * reopened into the running patrol, a record linked to the patrol, 结束巡查, the log filled in and
 * saved — then the device and the server hold the track in separate segments, never joined.
 */
import { mkdirSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { homeShown, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import {
  bufferedTrackPoints,
  deviceOutbox,
  devicePatrolId,
  deviceRecord,
  deviceSyncState,
} from './support/device-db';
import { PHONE } from './support/phone';
import { patrolCopies, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = '/tmp/shots-patrol';
const START = { latitude: 32.2265, longitude: 118.7485 };
/** About 22 m of latitude: every step is well past the recorder's few-metre jitter filter. */
const STEP = 0.0002;
const FAR_LNG = 118.7612;
const CONTENT = `湖滨社区反诈入户巡查 ${Date.now().toString(36)}`;

describe.runIf(chromiumAvailable())('patrol with a GPS track', () => {
  const stack = useStack();
  let context: BrowserContext;
  let page: Page;

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page && !page.isClosed()) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/failed-${test.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  /** Moves the phone; waits until the app kept the fix (one more buffered point). */
  async function walkTo(step: number, accuracy = 8): Promise<void> {
    const before = (await bufferedTrackPoints(page)).length;
    await context.setGeolocation({
      latitude: START.latitude + step * STEP,
      longitude: START.longitude,
      accuracy,
    });
    await expect.poll(async () => (await bufferedTrackPoints(page)).length).toBe(before + 1);
  }

  it('records a walk in segments split by a pause and a killed tab, links a record, and syncs the track', async () => {
    mkdirSync(SHOTS, { recursive: true });
    context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...START, accuracy: 8 },
      permissions: ['geolocation'],
    });
    // A fake clock that runs on its own, so a 75-second pause takes no 75 seconds.
    await context.clock.install();
    page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await page.screenshot({ path: `${SHOTS}/home-start-patrol.png` });

    // 开始巡查 → what the patrol is for → the running patrol.
    await page.getByRole('button', { name: /^开始巡查/ }).click();
    await page.getByRole('button', { name: '开始巡查', exact: true }).click();
    await page.getByText('请至少选择一种工作类型').waitFor();
    await page.getByText('反诈宣传', { exact: true }).click();
    await page.getByText('出租房巡防', { exact: true }).click();
    await page.screenshot({ path: `${SHOTS}/patrol-start.png` });
    await page.getByRole('button', { name: '开始巡查', exact: true }).click();
    await page.getByRole('heading', { name: '巡查中' }).waitFor();
    const patrolId = await devicePatrolId(page);
    expect(patrolId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await deviceRecord(page, patrolId ?? ''))?.body).toMatchObject({ status: 'draft' });

    // Segment 1: the first fix, three steps north, a fix from a cell tower 1 km off (dropped).
    await expect.poll(async () => (await bufferedTrackPoints(page)).length).toBe(1);
    for (const step of [1, 2, 3]) await walkTo(step);
    await context.setGeolocation({ latitude: START.latitude + 4 * STEP, longitude: FAR_LNG, accuracy: 150 });
    await page.getByText(/信号弱 · 精度 150 米/).waitFor();
    await walkTo(4);
    await page.getByText(/定位正常 · 精度 8 米/).waitFor();

    // Segment 2: a 75-second pause with no fix (a stairwell), then the walk goes on.
    await context.clock.fastForward(75_000);
    for (const step of [5, 6, 7]) await walkTo(step);
    await page.screenshot({ path: `${SHOTS}/patrol-in-progress.png` });

    // From the patrol screen: a new dispute opens its form with the banner still on top.
    await page.getByRole('button', { name: '新建矛盾纠纷' }).click();
    await page.getByRole('heading', { name: '新建矛盾纠纷' }).waitFor();
    await page.getByRole('region', { name: '巡查中' }).getByText('结束巡查').waitFor();
    await page.screenshot({ path: `${SHOTS}/form-with-patrol-banner.png` });
    // 结束巡查 from the banner over a half-filled form warns before anything is lost.
    await page.getByRole('textbox').first().fill('楼道堆物');
    await page.getByRole('region', { name: '巡查中' }).getByRole('button', { name: '结束巡查' }).click();
    await page
      .getByRole('alertdialog')
      .getByText(/表单还没保存/)
      .waitFor();
    await page.getByRole('button', { name: '继续巡查' }).click();
    await page.getByRole('heading', { name: '新建矛盾纠纷' }).waitFor();
    // The dispute made from the patrol, through its form: it carries the running patrol's id.
    await page.getByLabel('纠纷名称').fill(`巡查中发现的纠纷 ${CONTENT}`);
    await page.getByLabel('纠纷类型').selectOption({ label: '邻里纠纷' });
    await page.getByLabel('纠纷简要情况').fill('楼道堆放杂物,邻里互不相让');
    await page.getByLabel('姓名或名称').nth(0).fill('李秀英');
    await page.getByLabel('姓名或名称').nth(1).fill('赵伟');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    const dispute = { id: new URL(page.url()).pathname.split('/').at(-1) ?? '' };
    expect((await deviceRecord(page, dispute.id))?.body).toMatchObject({ patrolId });

    // Killed tab: the patrol is still running when the app opens again, with its points.
    const beforeKill = (await bufferedTrackPoints(page)).length;
    await page.close();
    page = await context.newPage();
    await page.goto(stack.server.url);
    await homeShown(page);
    await page.getByRole('region', { name: '巡查中' }).waitFor();
    await expect.poll(() => devicePatrolId(page)).toBe(patrolId);
    await page.screenshot({ path: `${SHOTS}/home-during-patrol.png` });

    // Segment 3: the reopened app's first fix (where the worker stands), then two more steps.
    await expect.poll(async () => (await bufferedTrackPoints(page)).length).toBe(beforeKill + 1);
    await page.getByRole('region', { name: '巡查中' }).getByRole('link').click();
    await page.getByRole('heading', { name: '巡查中' }).waitFor();
    await page.getByText(`巡查中发现的纠纷 ${CONTENT}`).waitFor();
    for (const step of [8, 9]) await walkTo(step);

    // 结束巡查 → confirm → the log to finish.
    await page.getByRole('button', { name: '结束巡查' }).last().click();
    await page.getByRole('button', { name: '确认结束' }).click();
    await page.getByRole('heading', { name: '填写巡查日志' }).waitFor();
    expect(await page.getByLabel('巡查走访情况').inputValue()).toBe('');
    // A person types the log at a person's pace: 结束巡查 (the end time, to the second, and the
    // track) is pushed and acknowledged while the form, opened before it went out, is still open.
    // This is the order in which every patrol once ended in a false 冲突.
    await expect.poll(async () => (await deviceOutbox(page)).length, { timeout: 60_000 }).toBe(0);
    expect(await deviceSyncState(page, patrolId ?? '')).toBe('synced');
    await page.getByText(/已记录轨迹/).waitFor();
    await page
      .getByRole('group', { name: /发现问题/ })
      .getByLabel('增加')
      .first()
      .click();
    await page.getByText('共 1 件', { exact: true }).waitFor();
    await page.getByLabel('入户数').fill('12');
    await page.getByLabel('巡查走访情况').fill(CONTENT);
    await page.screenshot({ path: `${SHOTS}/patrol-finish-form.png`, fullPage: true });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();

    const saved = (await deviceRecord(page, patrolId ?? '')) as PatrolRecord;
    expect(saved.body.endedAt).toMatch(/:\d\d\.\d{3}Z$/);
    expect(saved.body).toMatchObject({
      status: 'submitted',
      content: CONTENT,
      findings: expect.objectContaining({ disputes: 1 }),
      antiFraud: expect.objectContaining({ householdsReached: 12 }),
    });
    const segments = saved.body.track ?? [];
    expect(segments.map((s) => s.points.length)).toEqual([5, 3, 3]);
    expect(segments.flatMap((s) => s.points).some(([lng]) => lng === FAR_LNG)).toBe(false);
    expect(await bufferedTrackPoints(page)).toEqual([]);
    expect(await devicePatrolId(page)).toBeUndefined();

    // The detail: summary, the linked record (opens), the track on the offline map.
    await page.getByRole('region', { name: '巡查概况' }).waitFor();
    await page.getByText(/^共 3 段。/).waitFor();
    // One drawn line per segment: the map never joins them across a gap.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
          if (!map?.isStyleLoaded()) return [];
          const ids = map
            .queryRenderedFeatures({ layers: ['track-line'] })
            .map((f) => f.properties.segmentId);
          return [...new Set(ids)].sort();
        }),
      )
      .toEqual(segments.map((s) => s.id).sort());
    await page.screenshot({ path: `${SHOTS}/patrol-detail.png`, fullPage: true });
    await page.getByText(`巡查中发现的纠纷 ${CONTENT}`).click();
    await page.getByRole('heading', { name: '矛盾纠纷' }).waitFor();

    // The server gets the track and the link, after the automatic sync — and nobody else touched
    // the log, so nothing shows 冲突, anywhere.
    await page.getByText('已全部同步').first().waitFor({ timeout: 60_000 });
    expect(await deviceOutbox(page)).toEqual([]);
    expect(await deviceSyncState(page, patrolId ?? '')).toBe('synced');
    expect(await deviceSyncState(page, dispute.id)).toBe('synced');
    await page.goto(`${stack.server.url}/`);
    await homeShown(page);
    await page.getByText(CONTENT).first().waitFor();
    expect(await page.getByText('冲突').count()).toBe(0);
    expect(await patrolCopies(stack.server.url, CONTENT)).toBe(1);
    const onServer = await serverRecords(stack.server.url, 'hb-grid01');
    const patrol = onServer.find((r) => r.id === patrolId);
    expect(patrol?.kind === 'patrol' && patrol.body.track?.map((s) => s.points.length)).toEqual([5, 3, 3]);
    const linked = onServer.find((r) => r.id === dispute.id);
    expect(linked?.kind === 'dispute' && linked.body.patrolId).toBe(patrolId);
    await context.close();
  });

  /** Signs in and starts an anti-fraud patrol from the home screen. */
  async function startPatrol(): Promise<void> {
    await signIn(page, stack.server.url, 'hb-grid01');
    await page.getByRole('button', { name: /^开始巡查/ }).click();
    await page.getByText('反诈宣传', { exact: true }).click();
    await page.getByRole('button', { name: '开始巡查', exact: true }).click();
    await page.getByRole('heading', { name: '巡查中' }).waitFor();
  }

  it('says plainly when location is not allowed and the screen may turn off, and what to do', async () => {
    context = await stack.browser.newContext(PHONE);
    // A browser without the Wake Lock API (Firefox on Android, older Safari).
    await context.addInitScript(() => {
      delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
    });
    page = await context.newPage();
    await startPatrol();
    await page.getByText('无定位权限，轨迹没有记录').first().waitFor();
    await page.getByText(/允许定位，然后点“重试定位”/).waitFor();
    await page.getByRole('button', { name: '重试定位' }).waitFor();
    await page.getByText('屏幕可能熄灭，熄屏后轨迹会中断').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/patrol-no-gps.png` });
    await page.getByRole('button', { name: '新建出租房检查' }).click();
    await page.getByRole('region', { name: '巡查中' }).getByText('无定位权限，轨迹没有记录').waitFor();
    await context.close();
  });

  it('keeps the screen awake while patrolling and asks again after the page was hidden', async () => {
    context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...START, accuracy: 8 },
      permissions: ['geolocation'],
    });
    // A Wake Lock the test controls: headless Chromium refuses the real one.
    await context.addInitScript(() => {
      const w = window as unknown as { wakeRequests: number; sentinel?: EventTarget & { released: boolean } };
      w.wakeRequests = 0;
      Object.defineProperty(Navigator.prototype, 'wakeLock', {
        configurable: true,
        get: () => ({
          request: async () => {
            w.wakeRequests += 1;
            const sentinel = Object.assign(new EventTarget(), {
              released: false,
              release: async () => {
                sentinel.released = true;
                sentinel.dispatchEvent(new Event('release'));
              },
            });
            w.sentinel = sentinel;
            return sentinel;
          },
        }),
      });
    });
    page = await context.newPage();
    await startPatrol();
    await page.getByText('巡查中屏幕保持常亮').waitFor();
    // The browser drops the lock when the page is hidden; back in front, the app asks again.
    await page.evaluate(async () => {
      const w = window as unknown as { sentinel?: { release: () => Promise<void> } };
      await w.sentinel?.release();
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { wakeRequests: number }).wakeRequests))
      .toBe(2);
    await page.getByText('巡查中屏幕保持常亮').waitFor();
    await context.close();
  });
});
