/**
 * A new version is deployed while records wait to be uploaded: the new service worker waits, the
 * app offers "新版本可用", and only the user's tap reloads into it — with every pending record
 * still there, and the outbox draining once the server is reachable.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPatrol, goHome, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { patrolCopies } from './support/server-records';
import { useStack } from './support/stack';

describe.runIf(chromiumAvailable())('an app update while records are pending', () => {
  let distDir = '';
  // A copy of the built app, so the update below can change it under the running server.
  const stack = useStack(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'gridkeeper-dist-'));
    cpSync(resolve(import.meta.dirname, '../../dist'), distDir, { recursive: true });
    return { DIST_DIR: distDir };
  });

  afterAll(() => {
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('waits for the user, loses nothing, and drains the outbox after the update', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);

    // The sync API is unreachable (but the site is not): records stay pending through the update.
    await context.route('**/api/sync/**', (route) => route.abort('connectionrefused'));
    const contents = [`更新前记录一 ${Date.now()}`, `更新前记录二 ${Date.now()}`];
    for (const content of contents) {
      await createPatrol(page, content, { locate: false });
      await goHome(page);
    }
    await page.getByText('2 条待同步').first().waitFor({ timeout: 30_000 });
    const before = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL,
    );

    appendFileSync(join(distDir, 'sw.js'), `\n// deployed ${new Date().toISOString()}\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText('新版本可用').waitFor({ timeout: 30_000 });
    // It waits: the old worker still controls the page until the user taps.
    expect(
      await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
    ).toBe(true);
    await page.screenshot({ path: 'test-results/screens/update-available.png' });

    // Listening before the tap: the reload may finish loading before a wait set up after it.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: '刷新' }).click();
    await reloaded;
    await page.getByText('2 条待同步').first().waitFor({ timeout: 30_000 });
    for (const content of contents) await page.getByText(content).waitFor();
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(registration?.waiting), active: registration?.active?.scriptURL };
    });
    expect(after).toEqual({ waiting: false, active: before });

    await context.unroute('**/api/sync/**');
    // The sync badge opens the sync screen; 立即同步 skips whatever backoff the failures built up
    // (a scheduled retry may also have drained it already).
    await page.locator('a.badge').click();
    await page.getByRole('button', { name: /立即同步|同步中/ }).click();
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    for (const content of contents) expect(await patrolCopies(stack.server.url, content)).toBe(1);
    await context.close();
  });
});
