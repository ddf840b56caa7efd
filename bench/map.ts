/**
 * The map route: gzipped bytes it adds to what the home screen already loaded (its lazy chunk,
 * the chunks it imports statically, its CSS, and MapLibre's worker file), and the time from tapping
 * 地图 on the home screen to the map's first 'idle' with 1,000 located records drawn.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { RECORDS_LAYER } from '../src/app/map/map-style';
import { homeShown, signIn } from '../tests/e2e/support/app-actions';
import { apiLogin } from '../tests/e2e/support/server-records';
import { deviceBenchScript } from './device';
import { median, percentile, round } from './stats';

const MARKERS = 1_000;
const RUNS = 7;
const MAP_ROUTE = 'src/app/screens/map-screen.tsx';
const IDLE_TIMEOUT_MS = 30_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const gzipKb = (distDir: string, file: string) =>
  gzipSync(readFileSync(resolve(distDir, file)), { level: 9 }).length / 1024;

/** Gzipped KB of the map route's own JS and CSS (not the home chunks it shares) and of the worker. */
export function mapRouteSizes(distDir = resolve(import.meta.dirname, '../dist')) {
  const manifest = JSON.parse(readFileSync(resolve(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const imported of manifest[key]?.imports ?? []) visit(imported);
    };
    for (const root of roots) visit(root);
    return seen;
  };
  const home = closure(Object.keys(manifest).filter((key) => manifest[key]?.isEntry));
  const route = [...closure([MAP_ROUTE])].filter((key) => !home.has(key));
  const files = route.flatMap((key) => {
    const chunk = manifest[key];
    return chunk ? [chunk.file, ...(chunk.css ?? [])] : [];
  });
  const worker = Object.entries(manifest).find(([key]) => key.includes('maplibre-gl-worker'))?.[1].file;
  const js = files.filter((f) => f.endsWith('.js')).reduce((kb, f) => kb + gzipKb(distDir, f), 0);
  const css = files.filter((f) => f.endsWith('.css')).reduce((kb, f) => kb + gzipKb(distDir, f), 0);
  const workerKb = worker ? gzipKb(distDir, worker) : Number.NaN;
  return {
    files: worker ? [...files, worker] : files,
    jsGzipKb: round(js, 1),
    cssGzipKb: round(css, 1),
    workerGzipKb: round(workerKb, 1),
    totalGzipKb: round(js + css + workerKb, 1),
  };
}

/** Milliseconds from tapping 地图 to the first 'idle' with `markers` records rendered. */
async function timeMapOpen(browser: Browser, url: string) {
  // Service worker blocked, so every run fetches the same way; sync blocked, so the 1,000 pending
  // records are not pushed (and re-drawn as synced) while the map is being timed.
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
    serviceWorkers: 'block',
    bypassCSP: true,
  });
  await context.route('**/api/sync/**', (route) => route.abort());
  const page = await context.newPage();
  await signIn(page, url, 'hb-grid01');
  const { userId, gridId } = await workerScope(url);
  // Seeded from a second page of the same origin (the real device code over the user's IndexedDB),
  // with the app closed meanwhile: a thousand separate save transactions from another page while
  // the home screen is open stall IndexedDB for the app for tens of seconds (seen in this bench;
  // left for its own investigation), which would be timed here instead of the map.
  await page.goto(`${url}/api/health`);
  const seeder = await context.newPage();
  await seeder.goto(`${url}/api/health`);
  await seeder.addScriptTag({ content: await deviceBenchScript() });
  await seeder.evaluate(
    // The device database is named after the user: fillLocated's first argument is the user id.
    `window.deviceBench.fillLocated(${JSON.stringify(userId)}, ${MARKERS}, ${JSON.stringify(gridId)}, ${JSON.stringify(userId)})`,
  );
  await seeder.close();

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(url);
    await homeShown(page);
    const link = page.getByRole('link', { name: '地图', exact: true });
    await link.waitFor();
    await page.evaluate(() => {
      (window as { __mapOpenedAt?: number }).__mapOpenedAt = performance.now();
    });
    await link.click();
    // A string, not a function: tsx would wrap the inner arrow functions in a __name helper
    // that does not exist in the page.
    const ms = await page.evaluate<number>(`new Promise((done, fail) => {
      const opened = window.__mapOpenedAt;
      const timer = setTimeout(() => fail(new Error('the map never drew the records')), ${IDLE_TIMEOUT_MS});
      const attach = () => {
        const map = window.__gridkeeperMap;
        if (!map) return void requestAnimationFrame(attach);
        const check = () => {
          const rendered = map.queryRenderedFeatures({ layers: ['${RECORDS_LAYER}'] });
          if (new Set(rendered.map((f) => f.properties.recordId)).size < ${MARKERS}) return;
          map.off('idle', check);
          clearTimeout(timer);
          done(performance.now() - opened);
        };
        map.on('idle', check);
      };
      attach();
    })`);
    times.push(ms);
  }
  await context.close();
  return times;
}

/** hb-grid01's user id (which names the device database) and grid. */
async function workerScope(url: string): Promise<{ userId: string; gridId: string }> {
  const { user } = await apiLogin(url, 'hb-grid01');
  return { userId: user.id, gridId: user.scope.gridIds[0] ?? '' };
}

/** Both map figures, printed and returned for the results file. */
export async function measureMap(browser: Browser, url: string) {
  const size = mapRouteSizes();
  console.log(
    `map route, gzipped: ${size.jsGzipKb} KB JS + ${size.cssGzipKb} KB CSS + ${size.workerGzipKb} KB worker = ` +
      `${size.totalGzipKb} KB (beyond the home chunks; ${size.files.join(', ')})`,
  );
  const times = await timeMapOpen(browser, url);
  const open = {
    markers: MARKERS,
    runs: RUNS,
    medianMs: round(median(times)),
    p95Ms: round(percentile(times, 95)),
  };
  console.log(
    `open the map with ${MARKERS} markers (tap 地图 to first idle): median ${open.medianMs} ms, p95 ${open.p95Ms} ms`,
  );
  return { size, open };
}
