/** The JS a signed-in cold load of the home screen fetches, gzipped — the figure the budget is about. */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { homeShown, signIn } from './app-actions';

export interface HomeScripts {
  /** Scripts fetched before the home screen showed. */
  gzipKb: number;
  /** Everything fetched until the network was idle (includes the sync engine loaded after paint). */
  idleGzipKb: number;
  files: { file: string; bytes: number; gzipBytes: number; hasMaplibre: boolean; beforeHome: boolean }[];
  maplibre: boolean;
}

/** Scripts requested until the home screen shows (service worker blocked, so every byte is fetched). */
export async function measureHomeScripts(browser: Browser, url: string): Promise<HomeScripts> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await signIn(page, url, 'hb-grid01');
  await page.waitForLoadState('networkidle');
  // Record which scripts load; read their bytes from the server afterwards (a response body is
  // gone once its page navigates, and the scripts are static files).
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') requested.push(request.url());
  });
  await page.reload();
  await homeShown(page);
  const beforeHome = new Set(requested);
  await page.waitForLoadState('networkidle');
  await context.close();
  const scripts = new Map<string, Buffer>();
  for (const file of new Set(requested)) {
    scripts.set(file, Buffer.from(await (await fetch(file)).arrayBuffer()));
  }
  const files = [...scripts].map(([file, body]) => ({
    file: new URL(file).pathname,
    bytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    hasMaplibre: body.includes('maplibre'),
    beforeHome: beforeHome.has(file),
  }));
  const kb = (list: typeof files) => list.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  return {
    gzipKb: kb(files.filter((f) => f.beforeHome)),
    idleGzipKb: kb(files),
    files,
    maplibre: files.some((f) => f.hasMaplibre),
  };
}
