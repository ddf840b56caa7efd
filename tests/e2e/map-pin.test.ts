/**
 * 在地图上选点: with no network, a grid worker opens the map picker from a new patrol's 定位
 * field, pans the map under the crosshair with the mouse, confirms and saves; the record holds the
 * picked point with no GPS accuracy, and once online the server has the same point.
 */
import { mkdirSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const PATROL_TEXT = `地图选点的巡查 ${Date.now().toString(36)}`;
const DRAG_PX = { x: -90, y: -70 };

type LngLat = [number, number];

/** The picker's live map: its centre, and the point `offset` px from the centre. */
function mapPoint(page: Page, offset = { x: 0, y: 0 }): Promise<LngLat | undefined> {
  return page.evaluate(({ x, y }) => {
    const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    if (!map?.loaded()) return undefined;
    const canvas = map.getCanvas();
    const { lng, lat } = map.unproject([canvas.clientWidth / 2 + x, canvas.clientHeight / 2 + y]);
    return [lng, lat] as LngLat;
  }, offset);
}

/** Metres between two nearby points (equirectangular; fine at a grid's scale). */
function metresBetween([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const toRad = Math.PI / 180;
  const x = (lng2 - lng1) * toRad * Math.cos(((lat1 + lat2) / 2) * toRad);
  return Math.hypot(x, (lat2 - lat1) * toRad) * 6_371_000;
}

describe.runIf(chromiumAvailable())('picking a location on the map', () => {
  const stack = useStack();

  it('saves the point under the crosshair after a drag, offline, and syncs it to the server', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy'))
        cspViolations.push(message.text());
    });
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.getByText('离线').first().waitFor();

    await page.getByRole('button', { name: '巡查日志' }).click();
    await page.getByRole('heading', { name: '新建巡查日志' }).waitFor();
    await page.getByText('反诈宣传', { exact: true }).click();
    await page.getByLabel('巡查走访情况').fill(PATROL_TEXT);

    // 取消 leaves the draft without a location.
    await page.getByRole('button', { name: '在地图上选点' }).click();
    const picker = page.getByRole('dialog', { name: '在地图上选点' });
    await picker.waitFor();
    await picker.getByRole('button', { name: '取消' }).click();
    await picker.waitFor({ state: 'detached' });
    await expect(page.getByText('地图选点', { exact: true }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '在地图上选点' }).click();
    await picker.waitFor();
    // Opened on the grid (no location yet): wait until it has fitted the grid boundary.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
            return map?.loaded() ? map.queryRenderedFeatures({ layers: ['grid-outline'] }).length : 0;
          }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    const opened = await mapPoint(page);
    // Dragging the map up-left brings the point down-right of the crosshair under it.
    const target = await mapPoint(page, { x: -DRAG_PX.x, y: -DRAG_PX.y });
    expect(opened && target).toBeTruthy();

    const box = await page.locator('.location-picker__map canvas').boundingBox();
    if (!box) throw new Error('the picker has no canvas');
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + DRAG_PX.x, start.y + DRAG_PX.y, { steps: 12 });
    // A pause before letting go, so the drag ends without inertia.
    await page.waitForTimeout(300);
    await page.mouse.up();
    await page.waitForTimeout(300);
    const picked = await mapPoint(page);
    if (!picked || !opened || !target) throw new Error('the picker map is not loaded');
    expect(metresBetween(picked, opened)).toBeGreaterThan(20);
    expect(metresBetween(picked, target)).toBeLessThan(metresBetween(opened, target) / 10);
    await page.screenshot({ path: `${SHOTS}/map-pin.png` });

    await picker.getByRole('button', { name: '确定' }).click();
    await picker.waitFor({ state: 'detached' });
    await page.getByText('地图选点', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/map-pin-form.png` });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    // The detail view shows the picked point, with no ±accuracy.
    const [lng, lat] = picked;
    await page.getByText(`${lat.toFixed(5)}, ${lng.toFixed(5)}`, { exact: true }).waitFor();

    await context.setOffline(false);
    await expect
      .poll(
        async () =>
          (await serverRecords(stack.server.url, 'hb-grid01')).find(
            (r) => r.kind === 'patrol' && r.body.content === PATROL_TEXT,
          )?.body.location,
        { timeout: 30_000 },
      )
      .toEqual({ lngLat: [expect.closeTo(lng, 6), expect.closeTo(lat, 6)], capturedAt: expect.any(String) });
    // MapLibre's worker came from our own file, never a blob: the CSP would refuse.
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
