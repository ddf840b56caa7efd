/**
 * The app lock and the remote wipe in real Chromium: a PIN set at the first sign-in, the lock on a
 * cold start with nothing of the records in the page, five wrong PINs signing out while the
 * unsynced record waits for the next sign-in, sync going on behind the lock, 指纹/面容解锁 through a
 * virtual platform authenticator, and `revoke-sessions --wipe` emptying the device at its next
 * contact. Screenshots of each lock state land in test-results/screens/.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAdmin } from './support/admin-process';
import {
  createPatrol,
  enterPin,
  goHome,
  homeShown,
  lockScreen,
  setPinIfAsked,
  signIn,
  submitLogin,
  TEST_PIN,
  waitForServiceWorker,
} from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { deviceTableCounts, sharedRows } from './support/device-db';
import { PHONE } from './support/phone';
import { patrolCopies } from './support/server-records';
import { useStack } from './support/stack';

const WRONG_PIN = '135790';

/** The page's whole text, hidden parts included: what a look at the DOM would find. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

describe.runIf(chromiumAvailable())('app lock', () => {
  const stack = useStack();

  it('asks for a PIN at the first sign-in, locks on a reload, and signs out after five wrong PINs keeping the unsynced record', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(stack.server.url);
    await submitLogin(page, 'hb-grid01');
    await page.getByRole('heading', { name: '设置解锁 PIN' }).waitFor();
    await page.screenshot({ path: 'test-results/screens/lock-set-pin.png' });
    await enterPin(page, '123456');
    await page.getByText('这个 PIN 太容易被猜到').waitFor();
    await page.screenshot({ path: 'test-results/screens/lock-set-pin-trivial.png' });
    await enterPin(page, TEST_PIN);
    await page.getByRole('heading', { name: '再输入一次 PIN' }).waitFor();
    await enterPin(page, TEST_PIN);
    await homeShown(page);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const content = `锁屏前未同步 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await goHome(page);
    await page.getByText(content).waitFor();

    await page.reload();
    await lockScreen(page).waitFor();
    await page.getByText('王丽，网格管家已锁定。').waitFor();
    expect(await pageText(page)).not.toContain(content);
    expect(await page.getByRole('navigation', { name: '新建记录' }).count()).toBe(0);
    await page.screenshot({ path: 'test-results/screens/lock-screen.png' });

    await enterPin(page, WRONG_PIN);
    await page.getByText('PIN 不正确，还可以再试 4 次。').waitFor();
    await page.screenshot({ path: 'test-results/screens/lock-wrong-pin.png' });
    // A reload does not reset the count.
    await page.reload();
    await lockScreen(page).waitFor();
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await enterPin(page, WRONG_PIN);
      await page.getByText(attempt === 4 ? /再错 1 次将退出登录/ : `还可以再试 ${5 - attempt} 次`).waitFor();
    }
    await page.screenshot({ path: 'test-results/screens/lock-last-try.png' });
    await enterPin(page, WRONG_PIN);
    await page.getByText(/PIN 连续输错 5 次，已退出登录/).waitFor();
    await page.getByLabel('用户名').waitFor();
    expect(await sharedRows(page, 'gridkeeper-session', 'session')).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/lock-signed-out.png' });

    // The record stayed on the phone and goes up after the next sign-in, with a new PIN.
    await context.setOffline(false);
    await submitLogin(page, 'hb-grid01');
    await page.getByRole('heading', { name: '设置解锁 PIN' }).waitFor();
    await setPinIfAsked(page, '740193');
    await homeShown(page);
    await page.getByText(content).waitFor();
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    expect(await patrolCopies(stack.server.url, content)).toBe(1);
    await context.close();
  });

  it('keeps syncing behind the lock screen', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid02', { unlock: false });
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const content = `锁屏时上传 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await page.reload();
    await lockScreen(page).waitFor();

    await context.setOffline(false);
    await expect.poll(() => patrolCopies(stack.server.url, content), { timeout: 30_000 }).toBe(1);
    expect(await lockScreen(page).isVisible()).toBe(true);
    expect(await pageText(page)).not.toContain(content);
    // Unlocked, the app is back on the screen it was locked on: the saved record.
    await enterPin(page, TEST_PIN);
    await page.getByText(content).waitFor();
    await context.close();
  });

  it('unlocks with a platform authenticator where the phone has one, and falls back to the PIN', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(stack.server.url);
    await submitLogin(page, 'hb-leader');
    await page.getByRole('heading', { name: '设置解锁 PIN' }).waitFor();
    await enterPin(page, TEST_PIN);
    await page.getByRole('heading', { name: '再输入一次 PIN' }).waitFor();
    await enterPin(page, TEST_PIN);
    await page.getByRole('heading', { name: '使用指纹/面容解锁？' }).waitFor();
    await page.screenshot({ path: 'test-results/screens/lock-platform-offer.png' });
    await page.getByRole('button', { name: '启用指纹/面容解锁' }).click();
    await homeShown(page);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    await page.reload();
    await lockScreen(page).waitFor();
    await page.getByRole('button', { name: '使用指纹/面容解锁' }).click();
    await homeShown(page);

    // The sensor does not recognise the finger: the PIN still opens the app.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.reload();
    await page.getByRole('button', { name: '使用指纹/面容解锁' }).click();
    await page.getByText('没有通过指纹/面容验证，请输入 PIN。').waitFor();
    expect(await lockScreen(page).isVisible()).toBe(true);
    await enterPin(page, TEST_PIN);
    await homeShown(page);
    await context.close();
  });
});

describe.runIf(chromiumAvailable())('remote wipe', () => {
  const stack = useStack();

  it('deletes the user’s local data at the next contact after revoke-sessions --wipe, unsynced records included', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const content = `远程清除前未同步 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await goHome(page);
    // A photo of someone else's record, as the service worker caches them.
    await page.evaluate(async () => {
      const cache = await caches.open('gridkeeper-photos');
      await cache.put('/api/photos/cached-copy', new Response('jpeg bytes'));
    });
    const before = await deviceTableCounts(page);
    expect(before.records).toBeGreaterThan(0);
    expect(before.outbox).toBe(1);
    expect(await sharedRows(page, 'gridkeeper-lock', 'locks')).toHaveLength(1);

    const admin = await runAdmin(
      stack.server.dataDir,
      'revoke-sessions',
      '--username',
      'hb-grid01',
      '--wipe',
    );
    expect(admin.code).toBe(0);
    expect(admin.out).toContain('will delete hb-grid01');

    await context.setOffline(false);
    await page.getByText('管理员已远程清除本机上你的数据').waitFor({ timeout: 30_000 });
    await page.getByLabel('用户名').waitFor();
    await page.screenshot({ path: 'test-results/screens/remote-wiped.png' });

    const after = await deviceTableCounts(page);
    expect(Object.entries(after).filter(([, rows]) => rows > 0)).toEqual([]);
    expect(await sharedRows(page, 'gridkeeper-session', 'session')).toEqual([]);
    expect(await sharedRows(page, 'gridkeeper-lock', 'locks')).toEqual([]);
    expect(await page.evaluate(() => caches.has('gridkeeper-photos'))).toBe(false);
    expect(await pageText(page)).not.toContain(content);
    expect(await patrolCopies(stack.server.url, content)).toBe(0);
    await context.close();
  });
});
