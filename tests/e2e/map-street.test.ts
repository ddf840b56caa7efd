/**
 * The map at street scale (issue 13): a street admin opens the map of her street's seven grids on a
 * phone. The legend starts folded to one button in a corner and opens on a tap; nearby records are
 * drawn as clusters with their count, and a tap on one zooms in until it comes apart; her own
 * buttons zoom, fly to where she stands and show all grids again; a single record still opens its
 * card. Without a position fix, the locate button says why it cannot go anywhere.
 */
import { mkdirSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
/** In 湖滨社区, one of 大厂街道's communities. */
const HERE = { longitude: 118.772, latitude: 32.216 };
/** MapLibre's first frame in SwiftShader takes seconds, more beside other browsers. */
const FIRST_RENDER_MS = 60_000;

interface Drawn {
  layer: string;
  properties: Record<string, unknown>;
  /** Where on the canvas, in CSS pixels. */
  x: number;
  y: number;
}

/** What the live map has drawn in these layers, with where. */
function drawn(page: Page, layers: string[]): Promise<Drawn[]> {
  return page.evaluate((layerIds) => {
    const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    if (!map?.isStyleLoaded()) return [];
    return map.queryRenderedFeatures({ layers: layerIds }).map((f) => {
      // Points only: the layers asked for here are markers and clusters, and grids only counted.
      const [lng, lat] = f.geometry.type === 'Point' ? f.geometry.coordinates : [];
      const { x, y } =
        lng === undefined || lat === undefined ? { x: Number.NaN, y: Number.NaN } : map.project([lng, lat]);
      return { layer: f.layer.id, properties: f.properties, x, y };
    });
  }, layers);
}

function view(page: Page): Promise<{ zoom: number; center: [number, number]; moving: boolean }> {
  return page.evaluate(() => {
    const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    const center = map?.getCenter();
    return {
      zoom: map?.getZoom() ?? Number.NaN,
      center: [center?.lng ?? 0, center?.lat ?? 0] as [number, number],
      moving: map?.isMoving() ?? false,
    };
  });
}

/** The zoom once the map has come to rest. */
async function restingZoom(page: Page): Promise<number> {
  await expect.poll(async () => (await view(page)).moving).toBe(false);
  return (await view(page)).zoom;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.runIf(chromiumAvailable())('the map of a whole street on a phone', () => {
  const stack = useStack();

  it('folds the legend, clusters nearby records, expands a cluster on a tap and zooms, locates and shows all', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...HERE, accuracy: 10 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'dc-admin');
    await page.getByRole('link', { name: '地图', exact: true }).click();
    await page.getByRole('heading', { name: '地图', exact: true }).waitFor();

    // At the fit of the seven grids, nearby records are one disc with their count over it.
    await expect
      .poll(async () => (await drawn(page, ['record-clusters'])).length, { timeout: FIRST_RENDER_MS })
      .toBeGreaterThan(0);
    const clusters = await drawn(page, ['record-clusters']);
    const counts = page.locator('.map-cluster-count');
    await expect
      .poll(async () => (await counts.allTextContents()).sort())
      .toEqual(clusters.map((c) => String(c.properties.point_count)).sort());
    const cluster = clusters[0];
    if (!cluster) throw new Error('no cluster');
    expect(cluster.properties.point_count).toBeGreaterThanOrEqual(2);
    // The count sits on its disc.
    const map = await box(page.locator('.grid-map'));
    const label = await box(
      counts.filter({ hasText: new RegExp(`^${cluster.properties.point_count}$`) }).first(),
    );
    expect(Math.abs(label.x + label.width / 2 - map.x - cluster.x)).toBeLessThan(8);
    expect(Math.abs(label.y + label.height / 2 - map.y - cluster.y)).toBeLessThan(8);

    // The legend starts folded: one button in the top-left corner, clear of the controls.
    const legendButton = page.getByRole('button', { name: /^图例 · 7 个网格/ });
    expect(await legendButton.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('list', { name: '我的网格' }).isVisible()).toBe(false);
    const folded = await box(legendButton);
    expect(folded.height).toBeGreaterThanOrEqual(44);
    expect(folded.width * folded.height).toBeLessThan((map.width * map.height) / 10);
    const controls = {
      zoomIn: page.getByRole('button', { name: '放大', exact: true }),
      zoomOut: page.getByRole('button', { name: '缩小', exact: true }),
      locate: page.getByRole('button', { name: '定位到我的位置' }),
      showAll: page.getByRole('button', { name: '显示所有网格' }),
    };
    for (const control of Object.values(controls)) {
      const target = await box(control);
      expect(target.width).toBeGreaterThanOrEqual(44);
      expect(target.height).toBeGreaterThanOrEqual(44);
      expect(target.x + target.width).toBeLessThanOrEqual(PHONE.viewport.width);
      expect(overlaps(target, folded)).toBe(false);
    }
    await page.screenshot({ path: `${SHOTS}/map-street-folded.png` });

    // A tap on the cluster zooms in until it comes apart.
    const fitZoom = await restingZoom(page);
    await page.locator('.grid-map canvas').click({ position: { x: cluster.x + 4, y: cluster.y - 3 } });
    await expect.poll(async () => (await view(page)).zoom).toBeGreaterThan(fitZoom);
    const expandedZoom = await restingZoom(page);
    expect(await page.getByRole('region', { name: '选中的记录' }).count()).toBe(0);

    // The zoom buttons.
    await controls.zoomIn.click();
    await expect.poll(async () => (await view(page)).zoom).toBeGreaterThan(expandedZoom + 0.5);
    const zoomedIn = await restingZoom(page);
    await controls.zoomOut.click();
    await expect.poll(async () => (await view(page)).zoom).toBeLessThan(zoomedIn - 0.5);

    // 显示所有网格 goes back to the street; 定位 flies to where she stands.
    await controls.showAll.click();
    await expect.poll(async () => Math.abs((await view(page)).zoom - fitZoom)).toBeLessThan(0.01);
    await controls.locate.click();
    await expect
      .poll(async () => {
        const { center, moving } = await view(page);
        return !moving && Math.hypot(center[0] - HERE.longitude, center[1] - HERE.latitude) < 1e-4;
      })
      .toBe(true);
    expect(await restingZoom(page)).toBeGreaterThanOrEqual(16);

    // Close up, single records are markers again, and a tap a little off one opens its card.
    const clearOfControls = async () =>
      (await drawn(page, ['record-points'])).find(
        (f) => f.x > 24 && f.x < map.width - 80 && f.y > 60 && f.y < map.height - 160,
      );
    await expect.poll(clearOfControls).toBeDefined();
    const record = await clearOfControls();
    await page
      .locator('.grid-map canvas')
      .click({ position: { x: (record?.x ?? 0) + 6, y: (record?.y ?? 0) - 5 } });
    const card = page.getByRole('region', { name: '选中的记录' });
    await card.getByRole('link', { name: '打开' }).waitFor();
    for (const control of Object.values(controls))
      expect(overlaps(await box(control), await box(card))).toBe(false);

    // The legend opens to the grids, their coverage and the halos, still clear of the controls.
    await controls.showAll.click();
    await legendButton.click();
    expect(await legendButton.getAttribute('aria-expanded')).toBe('true');
    const legend = page.getByRole('list', { name: '我的网格' });
    await legend.getByText('湖滨社区 第一网格').waitFor();
    expect(await legend.getByRole('listitem').filter({ hasText: /网格/ }).count()).toBeGreaterThanOrEqual(7);
    expect(await legend.getByText(/^本周巡查覆盖 \d+%$/).count()).toBe(7);
    const open = await box(legend);
    for (const control of Object.values(controls)) expect(overlaps(await box(control), open)).toBe(false);
    expect(overlaps(open, await box(card))).toBe(false);
    await page.screenshot({ path: `${SHOTS}/map-street-legend.png` });
    await legendButton.click();
    expect(await legend.isVisible()).toBe(false);
    await context.close();
  });

  it('says so when the locate button has no position to go to', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'dc-admin');
    await page.getByRole('link', { name: '地图', exact: true }).click();
    await expect
      .poll(async () => (await drawn(page, ['grid-fill'])).length, { timeout: FIRST_RENDER_MS })
      .toBeGreaterThan(0);
    const before = await restingZoom(page);
    await page.getByRole('button', { name: '定位到我的位置' }).click();
    await page.getByRole('status').getByText('还没有定位。请打开手机定位并允许本应用使用位置。').waitFor();
    expect(await restingZoom(page)).toBe(before);
    await context.close();
  });
});
