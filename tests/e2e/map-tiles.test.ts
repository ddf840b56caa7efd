/**
 * The optional basemap, offline: with TILE_URL pointing at a test tile server, a grid worker opens
 * the map online (tiles drawn under her grid), taps 下载本网格离线地图, is refused above 3,000
 * tiles until she stops at a lower zoom, sees how many tiles and about how many MB first, cancels
 * a hanging download, retries through the tile server's failures, reaches 100%, then with no network
 * reloads the map and still sees the tiles — read back from the map's canvas, where nothing but a
 * cached tile can paint the test tile's colour.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { freePort } from './support/server-process';
import { useStack } from './support/stack';

const SHOTS = '/tmp/shots-tiles';
/** Inside 湖滨社区第一网格 (dachang-hubin-01), hb-grid01's grid. */
const HERE: [number, number] = [118.768, 32.216];
/**
 * The test tiles' colour per zoom, none used by the app's own style: the colour on the canvas
 * says which zoom's tile is drawn, so a tile of another zoom standing in for a missing one (as
 * MapLibre does while loading) cannot pass for it.
 */
const TILE_RGB: Readonly<Record<number, [number, number, number]>> = {
  13: [200, 50, 50],
  14: [40, 170, 90],
  15: [150, 60, 190],
  16: [230, 150, 20],
  17: [20, 150, 170],
};
const OTHER_ZOOM_RGB: [number, number, number] = [90, 90, 90];

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 256 px tile of one colour. */
function solidTile([r, g, b]: [number, number, number]): Buffer {
  const size = 256;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

interface TileServer {
  template: string;
  /** Requests per tile path, e.g. `/tiles/15/27183/13284.png` → 1. */
  requests: Map<string, number>;
  /** Tiles answered with 200 per path. */
  served: Map<string, number>;
  /** While true every tile request gets a 503, as from an overloaded tile server. */
  failing: boolean;
  /** While true tile requests wait unanswered, as on a very slow network, until `release()`. */
  holding: boolean;
  /** Requests waiting now. */
  held(): number;
  /** Answers the waiting requests (those whose client is still there), by the rules in force. */
  release(): void;
  close(): Promise<void>;
}

/** An XYZ tile server on its own origin (so CSP and CORS are exercised) that counts requests. */
async function startTileServer(): Promise<TileServer> {
  const tileOf = new Map<number, Buffer>();
  const requests = new Map<string, number>();
  const served = new Map<string, number>();
  let waiting: (() => void)[] = [];
  const port = await freePort();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://tiles').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (state.holding) {
      waiting.push(() => {
        if (!response.destroyed) answer(path, response);
      });
      return;
    }
    answer(path, response);
  });
  const answer = (path: string, response: ServerResponse) => {
    const z = Number(/^\/tiles\/(\d+)\/\d+\/\d+\.png$/.exec(path)?.[1] ?? Number.NaN);
    if (Number.isNaN(z) || state.failing) {
      response.writeHead(Number.isNaN(z) ? 404 : 503, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    served.set(path, (served.get(path) ?? 0) + 1);
    const tile = tileOf.get(z) ?? solidTile(TILE_RGB[z] ?? OTHER_ZOOM_RGB);
    tileOf.set(z, tile);
    response.writeHead(200, {
      'content-type': 'image/png',
      'access-control-allow-origin': '*',
      'content-length': tile.byteLength,
    });
    response.end(tile);
  };
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  const state: TileServer = {
    template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
    requests,
    served,
    failing: false,
    holding: false,
    held: () => waiting.length,
    release() {
      state.holding = false;
      const answers = waiting;
      waiting = [];
      for (const send of answers) send();
    },
    close: () => new Promise((closed) => server.close(() => closed())),
  };
  return state;
}

/** The colour the map's canvas shows at `lngLat`, read in the frame MapLibre has just drawn. */
function pixelAt(page: Page, lngLat: [number, number]): Promise<number[]> {
  return page.evaluate(
    (where) =>
      new Promise<number[]>((resolve) => {
        const map = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
        if (!map) return resolve([]);
        // The basemap is what is read: markers, tracks and coverage shading are hidden meanwhile.
        const overlays = [
          'record-points',
          'record-alerts',
          'record-clusters',
          'track-lines',
          'coverage-unwalked',
        ];
        for (const layer of overlays)
          if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', 'none');
        map.once('render', () => {
          // Read in the same task as the draw: WebGL clears its buffer once the frame is shown.
          const canvas = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = canvas.width;
          copy.height = canvas.height;
          const context = copy.getContext('2d');
          context?.drawImage(canvas, 0, 0);
          const ratio = canvas.width / canvas.clientWidth;
          const point = map.project(where);
          const data = context?.getImageData(
            Math.round(point.x * ratio),
            Math.round(point.y * ratio),
            1,
            1,
          ).data;
          for (const layer of overlays)
            if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', 'visible');
          resolve(data ? [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0] : []);
        });
        map.triggerRepaint();
      }),
    lngLat,
  );
}

/** The zoom whose test tile has the colour `rgb` (under the grid's faint 8 % fill), if any. */
function tileZoomOf(rgb: number[]): string | undefined {
  const near = (colour: readonly number[]) =>
    rgb.length === 3 && rgb.every((channel, index) => Math.abs(channel - (colour[index] ?? 0)) <= 24);
  return Object.entries(TILE_RGB).find(([, colour]) => near(colour))?.[0];
}

function isTileColour(rgb: number[]): boolean {
  return tileZoomOf(rgb) !== undefined;
}

/**
 * A page's first map frame: MapLibre's start (WebGL in SwiftShader, its workers, the style) takes
 * seconds on an idle machine and several times that beside other browsers on two cores.
 */
const FIRST_RENDER_MS = 60_000;

/**
 * Whether a test tile is drawn at `lngLat`, with what the map was doing: polled, so that a failure
 * shows the last colour read, the map's zoom and whether its tiles had loaded, not just "false".
 */
async function basemapAt(page: Page, lngLat: [number, number]) {
  const rgb = await pixelAt(page, lngLat);
  const map = await page.evaluate(() => {
    const instance = (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap;
    return instance
      ? {
          zoom: instance.getZoom(),
          styleLoaded: instance.isStyleLoaded(),
          tilesLoaded: instance.areTilesLoaded(),
        }
      : 'no map yet';
  });
  return { tile: isTileColour(rgb), rgb, map };
}

describe.runIf(chromiumAvailable())('the offline basemap', () => {
  let tiles!: TileServer;
  const stack = useStack(async () => {
    tiles = await startTileServer();
    return {
      TILE_URL: tiles.template,
      TILE_MIN_ZOOM: '13',
      // Zoom 22 alone needs thousands of tiles for one grid: the sheet refuses until narrowed.
      TILE_MAX_ZOOM: '22',
      TILE_ATTRIBUTION: '© 测试底图',
    };
  });
  afterAll(async () => {
    await tiles?.close();
  });

  it('downloads the tiles of my grid after showing their count and size, and draws them with no network', async () => {
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
    await page.getByRole('link', { name: '地图', exact: true }).click();
    await page.getByRole('heading', { name: '地图', exact: true }).waitFor();
    // Online: the basemap comes from the tile server, under the grid.
    await expect
      .poll(() => basemapAt(page, HERE), { timeout: FIRST_RENDER_MS })
      .toMatchObject({ tile: true });
    const onlineTileZoom = tileZoomOf(await pixelAt(page, HERE));
    await page.getByText('© 测试底图').waitFor();
    await page.screenshot({ path: `${SHOTS}/map-with-tiles.png` });

    await page.getByRole('button', { name: '下载本网格离线地图' }).click();
    const sheet = page.getByRole('dialog', { name: '下载本网格离线地图' });
    await sheet
      .getByText(/^约 \d+ 张图块，超过单次上限 3000 张。请把“最细到第几级”调低后再下载。$/)
      .waitFor();
    expect(await sheet.getByRole('button', { name: '开始下载' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/download-sheet-too-many.png` });
    await sheet.getByText('16 级', { exact: true }).click();
    const estimate = sheet.getByText(/^约 \d+ 张图块，约 [\d.]+ (KB|MB)$/);
    await estimate.waitFor();
    const planned = Number((await estimate.textContent())?.match(/约 (\d+) 张/)?.[1]);
    expect(planned).toBeGreaterThan(4);
    await sheet.getByText(/大小按已取的 \d 张样本图块估算（缩放级别 13–16）/).waitFor();
    await sheet.getByText(/本机已用 .+，可用约 .+/).waitFor();
    await page.screenshot({ path: `${SHOTS}/download-sheet-estimate.png` });

    // A very slow tile server: the tiles not cached yet hang, the user cancels.
    tiles.holding = true;
    await sheet.getByRole('button', { name: '开始下载' }).click();
    const progressText = sheet.getByText(/^已处理 \d+ \/ \d+ 张（\d+%）$/);
    const processed = async () => Number((await progressText.textContent())?.match(/^已处理 (\d+)/)?.[1]);
    await expect.poll(async () => (await processed()) + tiles.held(), { timeout: 20_000 }).toBe(planned);
    expect(tiles.held()).toBeGreaterThanOrEqual(1);
    await sheet.getByRole('button', { name: '取消下载' }).click();
    await sheet.getByText(`已取消。已下载的 ${await processed()} 张图块保留在本机，可以继续下载。`).waitFor();
    await page.screenshot({ path: `${SHOTS}/download-sheet-cancelled.png` });

    // The tile server then fails (the hung requests too): the sheet counts failures and offers a retry.
    tiles.failing = true;
    tiles.release();
    await sheet.getByRole('button', { name: '重试' }).click();
    await sheet.getByText(`已处理 ${planned} / ${planned} 张（100%）`).waitFor({ timeout: 60_000 });
    const failure = sheet.getByText(/^\d+ 张下载失败，可重试$/);
    await failure.waitFor();
    const failed = Number((await failure.textContent())?.match(/^(\d+)/)?.[1]);
    // The tiles seen online and the size samples are cached already; the rest failed.
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBeLessThan(planned);
    await page.screenshot({ path: `${SHOTS}/download-sheet-failed.png` });

    tiles.failing = false;
    const servedBeforeRetry = [...tiles.served.values()].reduce((a, b) => a + b, 0);
    await sheet.getByRole('button', { name: '重试' }).click();
    await sheet.getByText(`离线地图已保存：${planned} 张图块，断网时也能显示。`).waitFor({ timeout: 60_000 });
    await sheet.getByText(`已处理 ${planned} / ${planned} 张（100%）`).waitFor();
    await sheet.getByText(/下载后本机已用/).waitFor();
    await page.screenshot({ path: `${SHOTS}/download-sheet-done.png` });
    // The retry fetched exactly the failed tiles, and no tile was ever served twice: those already
    // cached (seen online, sampled, or saved by the first attempt) were not fetched again.
    expect([...tiles.served.values()].reduce((a, b) => a + b, 0) - servedBeforeRetry).toBe(failed);
    for (const [path, count] of tiles.served) expect(count, path).toBe(1);
    const cached = await page.evaluate(
      async (prefix) => {
        const cache = await caches.open('gridkeeper-tiles');
        return (await cache.keys()).filter((request) => request.url.startsWith(prefix)).length;
      },
      tiles.template.slice(0, tiles.template.indexOf('{')),
    );
    expect(cached).toBeGreaterThanOrEqual(planned);

    await sheet.getByRole('button', { name: '关闭' }).click();
    await context.setOffline(true);
    const requestsOnline = [...tiles.requests.values()].reduce((a, b) => a + b, 0);
    await page.reload();
    await page.getByRole('heading', { name: '地图', exact: true }).waitFor();
    // A new page: MapLibre starts from nothing again, so its first frame gets the same time.
    await expect
      .poll(() => basemapAt(page, HERE), { timeout: FIRST_RENDER_MS })
      .toMatchObject({ tile: true });
    await page.screenshot({ path: `${SHOTS}/map-offline-tiles.png` });
    // Every tile zoom of the download the map did not show online: only the download can have put
    // those tiles on the device. (MapLibre's zoom counts 512 px tiles, so it draws 256 px tiles of
    // zoom z at map zoom z − 1.)
    const neverShown = [13, 14, 15, 16].filter((zoom) => String(zoom) !== onlineTileZoom);
    expect(neverShown.length).toBeGreaterThanOrEqual(3);
    for (const zoom of neverShown) {
      await page.evaluate(
        ([center, z]) =>
          (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap?.jumpTo({ center, zoom: z - 1 }),
        [HERE, zoom] as const,
      );
      await expect.poll(() => pixelAt(page, HERE).then(tileZoomOf), { timeout: 20_000 }).toBe(String(zoom));
    }
    expect([...tiles.requests.values()].reduce((a, b) => a + b, 0)).toBe(requestsOnline);

    // The check tells tiles from background: far from the grid nothing was downloaded.
    await page.evaluate(() => {
      (window as { __gridkeeperMap?: MapLibreMap }).__gridkeeperMap?.jumpTo({ center: [100, 20], zoom: 15 });
    });
    expect(isTileColour(await pixelAt(page, [100, 20]))).toBe(false);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
