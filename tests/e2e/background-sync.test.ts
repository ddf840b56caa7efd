/**
 * The service worker's own sync: a record saved offline reaches the server through a Background
 * Sync `sync` event fired while no page of the app is open (Chromium; CDP fires the event).
 */

import { describe, expect, it } from 'vitest';
import { createPatrol, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { patrolCopies } from './support/server-records';
import { useStack } from './support/stack';

describe.runIf(chromiumAvailable())('background sync in the service worker', () => {
  const stack = useStack();

  it('delivers a record saved offline after the app was closed', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid02');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const content = `地下室巡查,信号全无 ${Date.now()}`;
    await createPatrol(page, content, { locate: false });
    await page.close();
    expect(await patrolCopies(stack.server.url, content)).toBe(0);

    await context.setOffline(false);
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL.startsWith(stack.server.url) && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: stack.server.url,
      registrationId: await registration,
      tag: 'gridkeeper-sync',
      lastChance: false,
    });
    await expect.poll(() => patrolCopies(stack.server.url, content), { timeout: 30_000 }).toBe(1);
    await context.close();
  });
});
