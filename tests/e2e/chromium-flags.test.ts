/**
 * The test browser's own flags: ours replace Playwright's --disable-features (Chromium reads the
 * last one), so nothing Playwright turns off may come back on, and the omnibox popup stays unloaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium';

/** The command lines of the Chromium browser processes this test process started. */
function ownChromiumCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && args.includes('--remote-debugging-pipe')) lines.push(args);
    } catch {
      // The process ended while we looked.
    }
  }
  return lines;
}

function featureLists(args: string[]): string[][] {
  return args
    .filter((arg) => arg.startsWith('--disable-features='))
    .map((arg) => arg.slice('--disable-features='.length).split(','));
}

describe.runIf(chromiumAvailable())('the test browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('keeps every feature Playwright disables disabled in the last --disable-features', () => {
    const [args] = ownChromiumCommandLines();
    expect(args).toBeDefined();
    const lists = featureLists(args ?? []);
    expect(lists.length).toBeGreaterThan(1);
    const effective = lists.at(-1) ?? [];
    for (const earlier of lists.slice(0, -1)) expect(effective).toEqual(expect.arrayContaining(earlier));
  });

  it('opens no omnibox popup WebUI for a new browser context', async () => {
    const context = await browser.newContext();
    await (await context.newPage()).goto('about:blank');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    expect(targetInfos.map((target) => target.url)).not.toContainEqual(expect.stringContaining('omnibox'));
    await context.close();
  });
});
