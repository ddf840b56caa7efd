/**
 * `npm run bench`: measures in one run, against the built app and real server processes in
 * headless Chromium, and prints the figures; results go to bench/results/<timestamp>.json.
 * Figures are medians (and p95) so a noisy shared machine moves them less; each naive baseline
 * runs in the same run as what it is compared with, so the ratio is meaningful. The server benches
 * also run alone: `npx tsx bench/server-push.ts` (one client's push rate next to raw inserts) and
 * `npx tsx bench/server-load.ts` (20 devices) and `npx tsx bench/supervision.ts` (the 黄牌/红牌 job over
 * 100,000 open events, and pull of 10,000 events next to 10,000 patrols) and `npx tsx bench/export.ts`
 * (CSV and XLSX exports of 100,000 events next to a raw SELECT of the same rows) and
 * `npx tsx bench/figures.ts` (the 区域总览's figures over 120,000 records next to a raw SELECT of them);
 * `npx tsx bench/overview-render.ts` (the 区域总览's cold first render) needs the build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/e2e/support/chromium';
import { startServerProcess } from '../tests/e2e/support/server-process';
import { measureSaves, measureSync } from './device';
import { measureExport } from './export';
import { measureFigures } from './figures';
import { measureHomeBundle } from './home-bundle';
import { measureList } from './list';
import { measureMap } from './map';
import { measureOverviewRender } from './overview-render';
import { startBenchPostgres } from './postgres';
import { measureServerLoad } from './server-load';
import { measureServerPush } from './server-push';
import { measureEventPull, measureSupervision } from './supervision';

const results: Record<string, unknown> = { at: new Date().toISOString() };
const postgres = await startBenchPostgres();
try {
  const browser = await launchChromium();
  try {
    const sqlite = await startServerProcess();
    try {
      results.homeBundle = await measureHomeBundle(browser, sqlite.url);
      // Before the benches that push records: the street holds the demo data and nothing else.
      results.overviewRender = await measureOverviewRender(browser, sqlite.url);
      results.map = await measureMap(browser, sqlite.url);
      results.list = await measureList(browser, sqlite.url);
      results.save = await measureSaves(browser, sqlite.url);
      results.sqlite = await measureSync(browser, sqlite.url, 'SQLite');
    } finally {
      await sqlite.stop();
    }
    if (postgres) {
      const server = await startServerProcess({ DATABASE_URL: postgres.url });
      try {
        results.postgres = await measureSync(browser, server.url, 'PostgreSQL');
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  // After the browser is gone: the server benches want the machine's cores for the servers.
  results.serverPush = await measureServerPush(postgres?.url);
  results.serverLoad = await measureServerLoad(postgres?.url);
  results.supervision = await measureSupervision(postgres?.url);
  results.eventPull = await measureEventPull(postgres?.url);
  results.export = await measureExport(postgres?.url);
  results.figures = await measureFigures(postgres?.url);
} finally {
  postgres?.stop();
}

const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${String(results.at).replaceAll(':', '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file}`);
