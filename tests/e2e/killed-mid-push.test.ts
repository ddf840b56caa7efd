/**
 * The tab is killed while a push is in flight — the server has committed, the phone never hears
 * back. Reopened, the app pushes again and the server answers `duplicate`: one copy, not two.
 */

import { describe, expect, it } from 'vitest';
import { createPatrol, homeShown, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { patrolCopies } from './support/server-records';
import { useStack } from './support/stack';

describe.runIf(chromiumAvailable())('a tab killed in the middle of a push', () => {
  const stack = useStack();

  it('delivers the record exactly once after the app is reopened', async () => {
    // No service worker here: the page itself pushes, so killing the page kills the push.
    const context = await stack.browser.newContext({
      ...PHONE,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });

    const content = `推送中被杀掉 ${Date.now()}`;
    let killed!: () => void;
    const pushCommitted = new Promise<void>((resolve) => {
      killed = resolve;
    });
    await page.route('**/api/sync/push', async (route) => {
      await route.fetch(); // the server applies and commits the batch …
      killed(); // … and the tab dies before the answer arrives (the route is never fulfilled)
    });
    await createPatrol(page, content, { locate: false });
    await pushCommitted;
    await page.close({ runBeforeUnload: false });
    expect(await patrolCopies(stack.server.url, content)).toBe(1);

    const reopened = await context.newPage();
    await reopened.goto(stack.server.url);
    await homeShown(reopened);
    await reopened.getByText(content).waitFor();
    await reopened.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    expect(await patrolCopies(stack.server.url, content)).toBe(1);
    await context.close();
  });
});
