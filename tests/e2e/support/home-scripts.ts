/** The JS a signed-in cold load of the home screen fetches, gzipped — the figure the budget is about. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { homeShown, signIn } from './app-actions';
import { PHONE } from './phone';

export interface HomeScripts {
  /** The entry chunk and its static imports (Vite's build manifest): what must load to render. */
  renderGzipKb: number;
  /** Scripts fetched before the home screen showed (includes the sync engine, loaded in parallel). */
  gzipKb: number;
  /** Everything fetched until the network was idle (includes the sync engine loaded after paint). */
  idleGzipKb: number;
  files: { file: string; bytes: number; gzipBytes: number; hasMaplibre: boolean; beforeHome: boolean }[];
  maplibre: boolean;
}

/** Scripts requested until the home screen shows (service worker blocked, so every byte is fetched). */
export async function measureHomeScripts(browser: Browser, url: string): Promise<HomeScripts> {
  const context = await browser.newContext({
    ...PHONE,
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
    renderGzipKb: renderCriticalGzipKb(),
    gzipKb: kb(files.filter((f) => f.beforeHome)),
    idleGzipKb: kb(files),
    files,
    maplibre: files.some((f) => f.hasMaplibre),
  };
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The built JS the home screen needs to render (entry chunk and its static imports), as text. */
export function renderCriticalJs(distDir = DIST_DIR): string {
  const manifest = JSON.parse(readFileSync(resolve(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen]
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file?.endsWith('.js') === true)
    .map((file) => readFileSync(resolve(distDir, file), 'utf8'))
    .join('\n');
}

const DIST_DIR = resolve(import.meta.dirname, '../../../dist');

/** Gzipped size of the HTML entry's chunk plus everything it imports statically. */
export function renderCriticalGzipKb(distDir = DIST_DIR): number {
  const manifest = JSON.parse(readFileSync(resolve(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  let bytes = 0;
  for (const key of seen) {
    const file = manifest[key]?.file;
    if (file?.endsWith('.js')) bytes += gzipSync(readFileSync(resolve(distDir, file)), { level: 9 }).length;
  }
  return bytes / 1024;
}
