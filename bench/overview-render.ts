/**
 * The 区域总览's first render, cold (issue 13 §2), at 4× CPU slowdown (CDP
 * Emulation.setCPUThrottlingRate, the renderer only: the server and the network are not slowed),
 * for the street admin (dc-admin) against the built app and a real server process, next to a
 * baseline measured in the same round: the same throttled cold load of the app's login screen
 * signed out (navigation to the login form painted: the entry chunk and the login chunk).
 *
 * "Cold", each round: a fresh browser context with the service worker blocked, signed in there
 * (the PIN set, the first sync done, the figures never fetched, so no snapshot is kept), then the
 * HTTP cache cleared (CDP Network.clearBrowserCache) and a new tab opened at `/overview`. What the
 * device keeps from the sign-in stays, as on a phone opened the next morning: the session, the
 * PIN, the street's records in IndexedDB. Every cold start locks the app, so the overview's load is
 * timed in two parts, like bench/list.ts: navigation to the lock screen painted, and the last PIN
 * tap to the tiles showing the server's figures (数据截至 …, a frame drawn), the latter split at the
 * figures request (Resource Timing). Their sum leaves out the time the bench takes to type the PIN
 * (reported apart, with the whole from navigation).
 *
 * The server holds the demo data (plus whatever the benches before it wrote): this measures the
 * screen, not the figures over a big street (bench/figures.ts does that).
 *
 * Run alone (after `npx vite build`):
 *   npx tsx bench/overview-render.ts     OVERVIEW_BENCH_ROUNDS=7
 * `npm run bench` runs it with the others (results.overviewRender).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enterPin, lockScreen, signIn, TEST_PIN } from '../tests/e2e/support/app-actions';
import { launchChromium } from '../tests/e2e/support/chromium';
import { PHONE } from '../tests/e2e/support/phone';
import { startServerProcess } from '../tests/e2e/support/server-process';
import { median, percentile, round } from './stats';

const ROUNDS = Number(process.env.OVERVIEW_BENCH_ROUNDS ?? 7);
const CPU_SLOWDOWN = 4;
const SHOWN_TIMEOUT_MS = 60_000;
/** No service worker; CSP bypassed (as bench/list.ts does) so the bench's probes may evaluate. */
const COLD_CONTEXT = { ...PHONE, serviceWorkers: 'block', bypassCSP: true } as const;

/**
 * Marks (ms since navigation) when the login form, the lock screen and the overview's server
 * figures first exist, each once a frame has been drawn after it, and the time of the last tap.
 */
const PAINT_PROBE = `(() => {
  const marks = (window.__marks = {});
  const afterFrame = (name) => requestAnimationFrame(() => setTimeout(() => { marks[name] = performance.now(); }));
  document.addEventListener('click', () => { marks.lastTap = performance.now(); }, true);
  const seen = new Set();
  const once = (name, test) => {
    if (seen.has(name) || !test()) return;
    seen.add(name);
    afterFrame(name);
  };
  const observer = new MutationObserver(() => {
    once('login', () => document.querySelector('.login__form input') !== null);
    once('lock', () => document.getElementById('lock-title')?.textContent === '输入 PIN 解锁');
    once('figures', () =>
      document.querySelector('.overview__asof')?.textContent?.startsWith('数据截至 ') === true &&
      document.querySelector('.overview .tile__value') !== null);
    if (seen.has('figures') || seen.has('login')) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

type Marks = { login?: number; lock?: number; figures?: number; lastTap?: number };

/** A new tab of `context`, its renderer slowed, the HTTP cache emptied, the probe installed. */
async function coldTab(context: BrowserContext): Promise<{ page: Page; cached: () => number }> {
  const page = await context.newPage();
  await page.addInitScript(PAINT_PROBE);
  const cdp = await page.context().newCDPSession(page);
  // Anything answered from a cache (disk, memory, a service worker) would make the load warm.
  let cached = 0;
  cdp.on('Network.requestServedFromCache', () => {
    cached += 1;
  });
  cdp.on('Network.responseReceived', ({ response }) => {
    if (response.fromDiskCache || response.fromServiceWorker || response.fromPrefetchCache) cached += 1;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { page, cached: () => cached };
}

const marksOf = (page: Page) => page.evaluate<Marks>('window.__marks');

/** Signed out: navigation to the login form painted. */
async function loginLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(COLD_CONTEXT);
  try {
    const { page, cached } = await coldTab(context);
    await page.goto(url);
    await page.waitForFunction('window.__marks.login !== undefined', undefined, {
      timeout: SHOWN_TIMEOUT_MS,
    });
    const marks = await marksOf(page);
    if (marks.login === undefined) throw new Error('the login form was not marked');
    if (cached() > 0) throw new Error(`${cached()} responses came from a cache`);
    return marks.login;
  } finally {
    await context.close();
  }
}

interface OverviewLoad {
  toLockMs: number;
  pinTapToFiguresMs: number;
  /** Navigation to figures with the bench's PIN typing in it. */
  wholeMs: number;
  /** Last PIN tap to the figures request sent, the request itself, its answer to the tiles painted. */
  tapToRequestMs: number;
  requestMs: number;
  answerToPaintMs: number;
  tiles: number;
}

/** Signed in the day before: navigation to `/overview`, the lock, the PIN, the server's figures. */
async function overviewLoad(browser: Browser, url: string): Promise<OverviewLoad> {
  const context = await browser.newContext(COLD_CONTEXT);
  try {
    const first = await context.newPage();
    // No automatic unlock: the cold start below types the PIN itself and is timed from that tap.
    await signIn(first, url, 'dc-admin', { unlock: false });
    await first.waitForLoadState('networkidle');
    await first.close();
    const { page, cached } = await coldTab(context);
    await page.goto(`${url}/overview`);
    await lockScreen(page).waitFor({ timeout: SHOWN_TIMEOUT_MS });
    await enterPin(page, TEST_PIN);
    await page.waitForFunction('window.__marks.figures !== undefined', undefined, {
      timeout: SHOWN_TIMEOUT_MS,
    });
    const marks = await marksOf(page);
    if (marks.lock === undefined || marks.figures === undefined || marks.lastTap === undefined)
      throw new Error(`marks missing: ${JSON.stringify(marks)}`);
    if (cached() > 0) throw new Error(`${cached()} responses came from a cache`);
    await page.getByRole('heading', { name: '区域总览' }).waitFor();
    const request = await page.evaluate<{ startTime: number; responseEnd: number } | undefined>(
      `performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/figures'))?.toJSON()`,
    );
    if (!request) throw new Error('no request for the figures');
    return {
      toLockMs: marks.lock,
      pinTapToFiguresMs: marks.figures - marks.lastTap,
      wholeMs: marks.figures,
      tapToRequestMs: request.startTime - marks.lastTap,
      requestMs: request.responseEnd - request.startTime,
      answerToPaintMs: marks.figures - request.responseEnd,
      tiles: await page.locator('.overview .tile__value').count(),
    };
  } finally {
    await context.close();
  }
}

const figures = (samples: readonly number[]) => ({
  medianMs: round(median(samples), 0),
  p95Ms: round(percentile(samples, 95), 0),
  msByRound: samples.map((ms) => round(ms, 0)),
});

/** What `npm run bench` stores as results.overviewRender. */
export async function measureOverviewRender(browser: Browser, url: string) {
  const login: number[] = [];
  const loads: OverviewLoad[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    login.push(await loginLoad(browser, url));
    loads.push(await overviewLoad(browser, url));
  }
  const firstRender = loads.map((load) => load.toLockMs + load.pinTapToFiguresMs);
  const result = {
    rounds: ROUNDS,
    cpuSlowdown: CPU_SLOWDOWN,
    tiles: loads[0]?.tiles ?? 0,
    overview: figures(firstRender),
    toLock: figures(loads.map((load) => load.toLockMs)),
    pinTapToFigures: figures(loads.map((load) => load.pinTapToFiguresMs)),
    wholeWithPinTyping: figures(loads.map((load) => load.wholeMs)),
    tapToRequest: figures(loads.map((load) => load.tapToRequestMs)),
    figuresRequest: figures(loads.map((load) => load.requestMs)),
    answerToPaint: figures(loads.map((load) => load.answerToPaintMs)),
    loginBaseline: figures(login),
    overviewVsLogin: round(median(firstRender) / median(login), 2),
  };
  const line = (f: ReturnType<typeof figures>) =>
    `median ${f.medianMs} ms, p95 ${f.p95Ms} ms (${f.msByRound.join(', ')})`;
  console.log(
    `区域总览 cold first render at ${CPU_SLOWDOWN}x CPU slowdown (dc-admin, ${result.tiles} tiles): ${line(result.overview)} ` +
      `= navigation to the lock screen ${result.toLock.medianMs} ms + last PIN tap to the server's figures ` +
      `${result.pinTapToFigures.medianMs} ms (medians); ${result.overviewVsLogin}x the login screen`,
  );
  console.log(
    `区域总览: last PIN tap to figures ${line(result.pinTapToFigures)}: to the request sent ` +
      `${result.tapToRequest.medianMs} ms, the request ${result.figuresRequest.medianMs} ms, ` +
      `its answer to the tiles painted ${result.answerToPaint.medianMs} ms (medians)`,
  );
  console.log(
    `区域总览: navigation to figures with the bench's PIN typing in it ${line(result.wholeWithPinTyping)}`,
  );
  console.log(`区域总览: baseline cold load of the login screen, signed out, ${line(result.loginBaseline)}`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const browser = await launchChromium();
  try {
    const server = await startServerProcess();
    try {
      await measureOverviewRender(browser, server.url);
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
  }
}
