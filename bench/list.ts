/**
 * The home list with 10,000 stored records (bench/browser/list-records.ts): a cold start (navigation
 * to the lock screen, then the last PIN tap to the list painted — every cold start locks the app),
 * and from a filter change to the list updated — a kind chip tapped, and a search typed (which
 * includes the input's deliberate 150 ms debounce).
 */
import type { Browser, Page } from 'playwright-core';
import { enterPin, homeShown, lockScreen, signIn, TEST_PIN } from '../tests/e2e/support/app-actions';
import { seedListRecords } from '../tests/e2e/support/list-seed';
import { median, percentile, round } from './stats';

const RECORDS = 10_000;
const RENDER_RUNS = 7;
const FILTER_RUNS = 15;
const SEARCH_DEBOUNCE_MS = 150;

/**
 * Marks when the lock screen is shown, the last tap (the PIN's last digit), and when the first list
 * row exists and a frame has been drawn after it.
 */
const PAINT_PROBE = `(() => {
  document.addEventListener('click', () => { window.__lastTapAt = performance.now(); }, true);
  const observer = new MutationObserver(() => {
    if (window.__lockShownAt === undefined && document.body?.textContent?.includes('输入 PIN 解锁'))
      window.__lockShownAt = performance.now();
    if (!document.querySelector('.record-list > li')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__listPaintedAt = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** Runs `action` in the page and resolves with the ms until the result count changed and a frame was drawn. */
function timeUpdate(page: Page, action: string): Promise<number> {
  return page.evaluate<number>(`new Promise((done, fail) => {
    const count = document.querySelector('.list-summary__count');
    const before = count.textContent;
    const timer = setTimeout(() => fail(new Error('the list never updated')), 10000);
    const observer = new MutationObserver(() => {
      if (count.textContent === before) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
    });
    observer.observe(count, { characterData: true, childList: true, subtree: true });
    const start = performance.now();
    ${action}
  })`);
}

const tapKind = (nth: number) => `document.querySelector('nav.filters button:nth-child(${nth})').click();`;
const typeSearch = (text: string) => `{
  const input = document.querySelector('.list-search__input');
  input.value = ${JSON.stringify(text)};
  input.dispatchEvent(new Event('input', { bubbles: true }));
}`;

const figures = (times: number[]) => ({
  runs: times.length,
  medianMs: round(median(times)),
  p95Ms: round(percentile(times, 95)),
});

export async function measureList(browser: Browser, url: string) {
  // Service worker blocked so every load fetches the same way; sync blocked so the device holds
  // exactly the fixture and nothing re-renders the list while it is timed.
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
    serviceWorkers: 'block',
    bypassCSP: true,
  });
  await context.route('**/api/sync/**', (route) => route.abort());
  const page = await context.newPage();
  // No automatic unlock: each cold start below types the PIN itself, and times from that tap.
  await signIn(page, url, 'hb-grid01', { unlock: false });
  await seedListRecords(context, url, 'hb-grid01', RECORDS);
  await page.addInitScript(PAINT_PROBE);

  const toLock: number[] = [];
  const renders: number[] = [];
  for (let run = 0; run < RENDER_RUNS; run++) {
    await page.goto(url);
    await lockScreen(page).waitFor();
    await enterPin(page, TEST_PIN);
    await page.waitForFunction('window.__listPaintedAt !== undefined');
    toLock.push(await page.evaluate<number>('window.__lockShownAt'));
    renders.push(await page.evaluate<number>('window.__listPaintedAt - window.__lastTapAt'));
  }
  await homeShown(page);
  await page
    .getByRole('status')
    .filter({ hasText: `共 ${RECORDS} 条` })
    .waitFor();
  const domRows = await page.locator('.record-list > li').count();

  const kinds: number[] = [];
  for (let run = 0; run < FILTER_RUNS; run++) {
    // 出租房 (3,333 of 10,000), then 全部 again.
    kinds.push(await timeUpdate(page, tapKind(run % 2 === 0 ? 3 : 1)));
  }
  const searches: number[] = [];
  for (let run = 0; run < FILTER_RUNS; run++) {
    searches.push(await timeUpdate(page, typeSearch(run % 2 === 0 ? '花园124号' : '')));
  }
  await context.close();

  const result = {
    records: RECORDS,
    domRows,
    coldStartToLock: figures(toLock),
    firstRender: figures(renders),
    kindFilter: figures(kinds),
    search: { ...figures(searches), debounceMs: SEARCH_DEBOUNCE_MS },
  };
  console.log(
    `home list with ${RECORDS} records: cold start to the lock screen median ${result.coldStartToLock.medianMs} ms, p95 ${result.coldStartToLock.p95Ms} ms; last PIN tap to list painted median ${result.firstRender.medianMs} ms, p95 ${result.firstRender.p95Ms} ms; ${domRows} rows in the DOM`,
  );
  console.log(
    `home list filter by kind (tap to list updated): median ${result.kindFilter.medianMs} ms, p95 ${result.kindFilter.p95Ms} ms`,
  );
  console.log(
    `home list search (input to list updated, incl. the ${SEARCH_DEBOUNCE_MS} ms debounce): median ${result.search.medianMs} ms, p95 ${result.search.p95Ms} ms`,
  );
  return result;
}
