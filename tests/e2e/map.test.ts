/**
 * The map offline: after one online sign-in, a grid worker records a located patrol with no
 * network, opens the map (its chunk and MapLibre's worker come from the service worker's precache)
 * and sees her grid's boundary and the new record's marker actually rendered by WebGL; tapping the
 * marker shows its card, and 打开 opens the record.
 */
import { mkdirSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createPatrol, goHome, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
/**
 * Inside 湖滨社区第一网格 (dachang-hubin-01), hb-grid01's grid, some 200 m from the demo's records:
 * at the grid's fit the new record is a marker of its own, not in a cluster with them.
 */
const HERE = { longitude: 118.7659, latitude: 32.21425 };
const PATROL_TEXT = `地图上的巡查 ${Date.now().toString(36)}`;

interface RenderedFeature {
  layer: string;
  properties: Record<string, unknown>;
}

/** What the live map has drawn on its canvas in these layers (not what its sources hold). */
function renderedFeatures(page: Page, layers: string[]): Promise<RenderedFeature[]> {
  return page.evaluate((layerIds) => {
    const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    if (!map?.isStyleLoaded()) return [];
    return map
      .queryRenderedFeatures({ layers: layerIds })
      .map((f) => ({ layer: f.layer.id, properties: f.properties }));
  }, layers);
}

describe.runIf(chromiumAvailable())('the map', () => {
  const stack = useStack();

  it('draws my grid and a record made offline, with no network, and opens the record from its marker', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await stack.browser.newContext({
      ...PHONE,
      geolocation: { ...HERE, accuracy: 8 },
      permissions: ['geolocation'],
    });
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

    await createPatrol(page, PATROL_TEXT);
    const recordId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(recordId).not.toBe('');
    await goHome(page);

    const mapLink = page.getByRole('link', { name: '地图', exact: true });
    const linkBox = await mapLink.boundingBox();
    // Reachable without scrolling the filter row, and a thumb-sized target.
    expect(linkBox && linkBox.x + linkBox.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(linkBox?.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: `${SHOTS}/home-map-entry.png` });
    await mapLink.click();
    await page.getByRole('heading', { name: '地图', exact: true }).waitFor();
    await expect
      .poll(() => renderedFeatures(page, ['grid-fill', 'record-points']), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          { layer: 'grid-fill', properties: expect.objectContaining({ gridId: 'dachang-hubin-01' }) },
          {
            layer: 'record-points',
            properties: { recordId, kind: 'patrol', syncState: 'pending', alert: 'none' },
          },
        ]),
      );
    expect((await renderedFeatures(page, ['grid-outline'])).length).toBeGreaterThan(0);
    // This morning's demo patrol: its track (two segments, never joined) and the grid's coverage.
    await expect.poll(async () => (await renderedFeatures(page, ['track-lines'])).length).toBeGreaterThan(0);
    expect((await renderedFeatures(page, ['coverage-unwalked'])).length).toBeGreaterThan(0);
    // The legend opens from its folded button.
    await page.getByRole('button', { name: /^图例 · 1 个网格/ }).click();
    await page.getByText(/^本周巡查覆盖 [1-9]\d?%$/).waitFor();
    await page.getByRole('list', { name: '我的网格' }).getByText('第一网格').waitFor();
    await page.getByRole('button', { name: /^图例 · 1 个网格/ }).click();

    // The kind filter hides the patrol marker (the demo's rental checks stay) and brings it back.
    const shown = async () =>
      (await renderedFeatures(page, ['record-points'])).map((f) => [
        f.properties.recordId,
        f.properties.kind,
      ]);
    await page.getByRole('button', { name: '出租房' }).click();
    await expect
      .poll(async () => (await shown()).every(([, kind]) => kind === 'rentalInspection'))
      .toBe(true);
    expect((await shown()).map(([id]) => id)).not.toContain(recordId);
    await page.getByRole('button', { name: '全部' }).click();
    await expect.poll(async () => (await shown()).map(([id]) => id)).toContain(recordId);

    // The list's filter sheet works on the map too: 整改中 inspections only, then everything again.
    await page.getByRole('button', { name: '出租房' }).click();
    await page.getByRole('button', { name: /^筛选/ }).click();
    const sheet = page.getByRole('dialog', { name: '筛选记录' });
    await sheet.getByText('整改中', { exact: true }).click();
    await sheet.getByRole('button', { name: /^查看 \d+ 条$/ }).click();
    await expect
      .poll(async () => (await renderedFeatures(page, ['record-points'])).map((f) => f.properties.kind))
      .toEqual(['rentalInspection']);
    await page.getByRole('button', { name: /^筛选/ }).click();
    await sheet.getByRole('button', { name: '清除筛选' }).click();
    await sheet.getByRole('button', { name: /^查看 \d+ 条$/ }).click();
    await expect.poll(async () => (await shown()).map(([id]) => id)).toContain(recordId);

    const marker = await page.evaluate(
      ([lng, lat]) => {
        const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
        const point = map?.project([lng, lat]);
        return point && { x: point.x, y: point.y };
      },
      [HERE.longitude, HERE.latitude] as const,
    );
    expect(marker).toBeDefined();
    // A thumb lands a little off the marker's centre.
    await page
      .locator('.grid-map canvas')
      .click({ position: { x: (marker?.x ?? 0) + 6, y: (marker?.y ?? 0) - 5 } });
    const card = page.getByRole('region', { name: '选中的记录' });
    await card.getByText('巡查日志').waitFor();
    await card.getByText('待同步').waitFor();
    await page.screenshot({ path: `${SHOTS}/map.png` });

    await card.getByRole('link', { name: '打开' }).click();
    await page.waitForURL(`**/records/${recordId}`);
    await page.getByText(PATROL_TEXT).waitFor();
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
