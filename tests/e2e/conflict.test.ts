/**
 * Two people edit the same dispute offline. The first to come online wins the field; the second
 * sees a conflict badge, opens the resolution screen with both versions, picks per
 * field, and the choice syncs as a normal edit on top of the server's revision.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispute, goHome, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { useStack } from './support/stack';

const TITLE = `3栋噪音纠纷 ${Date.now().toString(36)}`;

async function editSummary(page: Page, summary: string): Promise<void> {
  await page.getByText(TITLE).click();
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('纠纷简要情况').fill(summary);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText(summary).waitFor();
  await goHome(page);
}

describe.runIf(chromiumAvailable())('a conflict shown to people', () => {
  const stack = useStack();
  let contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  it('lets the second editor choose, and the choice reaches everyone', async () => {
    const [workerContext, policeContext] = [
      await stack.browser.newContext(PHONE),
      await stack.browser.newContext(PHONE),
    ];
    contexts = [workerContext, policeContext];
    const worker = await workerContext.newPage();
    const police = await policeContext.newPage();

    await signIn(worker, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(worker);
    await createDispute(worker, TITLE);
    await goHome(worker);
    await worker.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    await signIn(police, stack.server.url, 'hb-police');
    await waitForServiceWorker(police);
    await police.getByText(TITLE).waitFor({ timeout: 30_000 });

    await workerContext.setOffline(true);
    await policeContext.setOffline(true);
    await editSummary(worker, '网格员:双方已同意晚十点后不装修');
    await editSummary(police, '民警:已警告噪音方,约定周末调解');

    await workerContext.setOffline(false);
    await worker.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    await policeContext.setOffline(false);
    await police.getByText('冲突', { exact: true }).first().waitFor({ timeout: 30_000 });
    await police.screenshot({ path: 'test-results/screens/home-conflict.png' });

    await police.getByText(TITLE).click();
    await police.getByRole('button', { name: '处理冲突' }).click();
    const field = police.getByRole('group', { name: '纠纷简要情况' });
    await field.getByText('网格员:双方已同意晚十点后不装修').waitFor();
    await field.getByText('民警:已警告噪音方,约定周末调解').waitFor();
    await police.screenshot({ path: 'test-results/screens/conflict-resolve.png' });
    await field.getByText('我的').click();
    await police.getByRole('button', { name: '确认并同步' }).click();
    await police.getByText('已同步', { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await police.getByText('民警:已警告噪音方,约定周末调解').count()).toBeGreaterThan(0);

    // The choice went to the server as an edit on top of the worker's revision and reaches the worker.
    await goHome(police);
    await police.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    await worker.reload();
    await worker.getByText(TITLE).click();
    await worker.getByText('民警:已警告噪音方,约定周末调解').waitFor({ timeout: 30_000 });
  });
});
