/**
 * `npm run bench`: measures in one run, against the built app and a real server process in
 * headless Chromium, and prints a table; results go to bench/results/<timestamp>.json.
 * Figures are medians (and p95) so a noisy shared machine moves them less; the naive baseline
 * runs in the same run so the ratio is meaningful.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/e2e/support/chromium';
import { startServerProcess } from '../tests/e2e/support/server-process';
import { measureDevice } from './device';
import { measureHomeBundle } from './home-bundle';

const results: Record<string, unknown> = { at: new Date().toISOString() };
const server = await startServerProcess();
const browser = await launchChromium();
try {
  results.homeBundle = await measureHomeBundle(browser, server.url);
  results.device = await measureDevice(browser, server.url);
} finally {
  await browser.close();
  await server.stop();
}

const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${String(results.at).replaceAll(':', '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file}`);
