/** Save latency, sync throughput and photo upload of the real device code over real IndexedDB in Chromium. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { startServerProcess } from '../tests/e2e/support/server-process';
import { apiLogin } from '../tests/e2e/support/server-records';
import { signInDevice } from './load-device';
import { pushAll } from './server-push';
import { median, percentile, round } from './stats';

const SAVE_SAMPLES = 60;
const SYNC_RECORDS = 10_000;
const NAIVE_RECORDS = 1_000;
const PHOTOS = 100;
const PHOTO_BYTES = 300 * 1024;
/** A phone photo after the app's compression (photo-compress.ts: 1600 px at JPEG 0.8, a few hundred KB). */
const EVENT_PHOTO_BYTES = 200 * 1024;

/** The device code bundled for injection into a page of the server's origin. */
export async function deviceBenchScript(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'browser/device-bench.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  return out.outputFiles[0]?.text ?? '';
}

export type Run = <R>(body: string) => Promise<R>;

/** A page on the server's origin with the device code injected, and a way to call it. */
export async function benchPage(browser: Browser, url: string): Promise<{ page: Page; run: Run }> {
  const script = await deviceBenchScript();
  // bypassCSP: the bench injects its bundle inline, which the app's CSP rightly forbids.
  const page = await (await browser.newContext({ serviceWorkers: 'block', bypassCSP: true })).newPage();
  await page.goto(`${url}/api/health`);
  await page.addScriptTag({ content: script });
  const worker = await apiLogin(url, 'hb-grid01');
  const police = await apiLogin(url, 'hb-police');
  const args = JSON.stringify({
    gridId: worker.user.scope.gridIds[0] ?? '',
    userId: worker.user.id,
    workerToken: worker.token,
    policeToken: police.token,
  });
  const run: Run = (body) =>
    page.evaluate(`(async (b, a) => { ${body} })(window.deviceBench, ${args})`) as never;
  return { page, run };
}

/** Save latency with 1,000 and 10,000 records already stored (median and p95 of single saves). */
export async function measureSaves(browser: Browser, url: string) {
  const { page, run } = await benchPage(browser, url);
  const save: Record<string, { medianMs: number; p95Ms: number }> = {};
  for (const size of [1_000, 10_000]) {
    const db = `bench-save-${size}`;
    await run(`await b.fill('${db}', ${size}, a.gridId, a.userId);`);
    const times = await run<number[]>(`return b.timeSaves('${db}', ${SAVE_SAMPLES}, a.gridId, a.userId);`);
    const figures = { medianMs: round(median(times)), p95Ms: round(percentile(times, 95)) };
    save[String(size)] = figures;
    console.log(
      `save one record with ${size} stored: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms`,
    );
  }
  // Side by side in the same database: a full inspection (40 items, 8 hazards with rechecks) vs a patrol.
  const inspectionTimes = await run<number[]>(
    `return b.timeInspectionSaves('bench-save-10000', ${SAVE_SAMPLES}, a.gridId, a.userId);`,
  );
  const inspection = {
    medianMs: round(median(inspectionTimes)),
    p95Ms: round(percentile(inspectionTimes, 95)),
    overPatrol: round(median(inspectionTimes) / (save['10000']?.medianMs ?? Number.NaN), 1),
  };
  console.log(
    `save a full inspection (40 items, 8 hazards) with 10000 stored: median ${inspection.medianMs} ms, p95 ${inspection.p95Ms} ms (${inspection.overPatrol}× a patrol)`,
  );
  const events = await run<{ save: number[]; bare: number[] }>(
    `return b.timeEventSaves('bench-save-10000', ${SAVE_SAMPLES}, a.gridId, a.userId, ${EVENT_PHOTO_BYTES});`,
  );
  const eventWithPhotos = {
    photos: 3,
    kbEach: EVENT_PHOTO_BYTES / 1024,
    medianMs: round(median(events.save)),
    p95Ms: round(percentile(events.save, 95)),
    bareMedianMs: round(median(events.bare)),
    overBare: round(median(events.save) / median(events.bare), 1),
  };
  console.log(
    `save an event with 3 photos of ${eventWithPhotos.kbEach} KB with 10000 stored: median ${eventWithPhotos.medianMs} ms, p95 ${eventWithPhotos.p95Ms} ms (bare puts of the same: ${eventWithPhotos.bareMedianMs} ms, ${eventWithPhotos.overBare}×)`,
  );
  await page.context().close();
  return { ...save, fullInspection: inspection, eventWithPhotos };
}

/**
 * Push 10,000 queued records, pull them into an empty device, the naive baseline, and 100 photos.
 * The device's push is measured against a Node client pushing the same records (bench/server-push.ts)
 * to the same server, just before and just after it (as another grid's worker, so the pull below
 * does not see them): the mean of the two is the rate the device's share is of.
 */
export async function measureSync(browser: Browser, url: string, label: string) {
  const { page, run } = await benchPage(browser, url);
  await run(`await b.fillTracked('bench-push', ${SYNC_RECORDS}, a.gridId, a.userId);`);
  const client = await signInDevice([url], 'tq-grid01', 0);
  const clientBefore = await pushAll(url, client, SYNC_RECORDS);
  const push = await run<{ seconds: number; status: string; pushed: number }>(
    `return b.sync('bench-push', a.workerToken);`,
  );
  const clientAfter = await pushAll(url, client, SYNC_RECORDS);
  const clientRate = (clientBefore + clientAfter) / 2;
  const pull = await run<{ seconds: number; status: string; pulled: number }>(
    `return b.sync('bench-pull', a.policeToken);`,
  );
  const naiveSeconds = await run<number>(
    `return b.naivePush(${NAIVE_RECORDS}, a.workerToken, a.gridId, a.userId);`,
  );
  await run(`await b.fillPhotos('bench-photos', ${PHOTOS}, ${PHOTO_BYTES});`);
  const photos = await run<{ seconds: number; status: string; uploaded: number }>(
    `return b.uploadPhotos('bench-photos', a.workerToken);`,
  );
  const pushRate = push.pushed / push.seconds;
  const naiveRate = NAIVE_RECORDS / naiveSeconds;
  const result = {
    push: {
      records: push.pushed,
      seconds: round(push.seconds),
      perSecond: Math.round(pushRate),
      status: push.status,
      nodeClientPerSecond: Math.round(clientRate),
      nodeClientPerSecondBeforeAndAfter: [Math.round(clientBefore), Math.round(clientAfter)],
      shareOfNodeClient: round(pushRate / clientRate),
    },
    pull: {
      records: pull.pulled,
      seconds: round(pull.seconds),
      perSecond: Math.round(pull.pulled / pull.seconds),
      status: pull.status,
    },
    naivePush: { records: NAIVE_RECORDS, seconds: round(naiveSeconds), perSecond: Math.round(naiveRate) },
    batchedOverNaive: round(pushRate / naiveRate, 1),
    photos: {
      photos: photos.uploaded,
      kbEach: PHOTO_BYTES / 1024,
      seconds: round(photos.seconds),
      perSecond: round(photos.uploaded / photos.seconds, 1),
      mbPerSecond: round((photos.uploaded * PHOTO_BYTES) / 1024 / 1024 / photos.seconds, 1),
      status: photos.status,
    },
  };
  console.log(
    `[${label}] push ${result.push.records} records: ${result.push.seconds} s (${result.push.perSecond}/s); ` +
      `a Node client pushing the same records: ${result.push.nodeClientPerSecond}/s ` +
      `(before ${Math.round(clientBefore)}, after ${Math.round(clientAfter)}); ` +
      `the device is ${Math.round(result.push.shareOfNodeClient * 100)}% of it`,
  );
  console.log(
    `[${label}] pull ${result.pull.records} records into an empty device: ${result.pull.seconds} s (${result.pull.perSecond}/s)`,
  );
  console.log(
    `[${label}] naive one-request-per-record push of ${NAIVE_RECORDS}: ${result.naivePush.seconds} s (${result.naivePush.perSecond}/s); batched is ${result.batchedOverNaive}x faster`,
  );
  console.log(
    `[${label}] upload ${result.photos.photos} photos of ${result.photos.kbEach} KB: ${result.photos.seconds} s (${result.photos.perSecond}/s, ${result.photos.mbPerSecond} MB/s)`,
  );
  await page.context().close();
  return result;
}

/**
 * Alone, the sync piece against a SQLite server: `npx tsx bench/device.ts` (no build needed; the
 * page is the server's /api/health with the device code injected). `npm run bench` runs it with
 * the others, on SQLite and PostgreSQL.
 */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const browser = await launchChromium();
  const server = await startServerProcess();
  try {
    await measureSync(browser, server.url, 'SQLite');
  } finally {
    await server.stop();
    await browser.close();
  }
}
