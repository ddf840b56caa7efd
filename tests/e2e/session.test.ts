/**
 * Sessions never cost records: a sign-in that expires while offline keeps everything and asks for
 * a new sign-in, after which the outbox drains; signing out with unsynced records warns first and,
 * if the user insists, keeps them for that user's next sign-in.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createPatrol,
  DEMO_PASSWORD,
  goHome,
  homeShown,
  signIn,
  waitForServiceWorker,
} from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { patrolCopies } from './support/server-records';
import { useStack } from './support/stack';

/** The bearer token the app keeps for the service worker. */
function storedToken(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('gridkeeper-session');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('session').objectStore('session').get('current');
          get.onsuccess = () => resolve((get.result as { token: string }).token);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function signInAgain(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await homeShown(page);
}

describe.runIf(chromiumAvailable())('sessions never cost records', () => {
  const stack = useStack();

  it('keeps records when the sign-in expires offline and drains them after a new sign-in', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const content = `过期前的记录 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await goHome(page);

    // The token is revoked while the phone is offline (as when an admin ends its sessions).
    const token = await storedToken(page);
    await fetch(`${stack.server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await context.setOffline(false);
    await page.getByText('登录已过期，请重新登录').first().waitFor({ timeout: 30_000 });
    await page.getByText(content).waitFor();
    expect(await patrolCopies(stack.server.url, content)).toBe(0);
    await page.screenshot({ path: 'test-results/screens/home-expired.png' });

    await page.getByText('登录已过期，请重新登录').first().click();
    await page.getByRole('button', { name: '重新登录' }).click();
    await page.getByText('重新登录后，本机未同步的记录会继续上传').waitFor();
    await signInAgain(page, 'hb-grid01');
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    expect(await patrolCopies(stack.server.url, content)).toBe(1);
    await context.close();
  });

  it('warns before signing out with unsynced records and keeps them for the next sign-in', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid02');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const content = `退出前未同步 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await goHome(page);

    await page.getByRole('link', { name: /离线/ }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page
      .getByText(/未同步/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '仍然退出' }).click();
    await page.getByLabel('用户名').waitFor();

    await context.setOffline(false);
    await signInAgain(page, 'hb-grid02');
    await page.getByText(content).waitFor();
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    expect(await patrolCopies(stack.server.url, content)).toBe(1);
    await context.close();
  });
});
