/**
 * Form drafts on the real stack: what a grid worker types into a new dispute is autosaved to the
 * device, survives the tab being closed without saving, comes back with a banner in a new tab, and
 * is forgotten once the record is saved (or the draft is given up).
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { apiLogin, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';

/** The device's stored draft under `key`, read straight from IndexedDB (not through the app). */
function storedDraft(page: Page, key: string): Promise<{ state: Record<string, unknown> } | null> {
  return page.evaluate(async (draftKey) => {
    const infos = await indexedDB.databases();
    const name = infos.find((info) => info.name?.startsWith('gridkeeper-u-'))?.name;
    if (!name) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('drafts')) return null;
      return await new Promise((resolve, reject) => {
        const request = db.transaction('drafts').objectStore('drafts').get(draftKey);
        request.onsuccess = () => resolve(request.result ?? null);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, key);
}

describe.runIf(chromiumAvailable())('form drafts', () => {
  const stack = useStack();
  let worker: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext(PHONE);
    const first = await worker.newPage();
    await signIn(first, stack.server.url, 'hb-grid01');
    await first.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    await first.close();
  });

  afterAll(() => worker?.close());

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-drafts-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  it('brings a new dispute back after the tab was closed unsaved, and forgets it once saved', async () => {
    page = await worker.newPage();
    await page.goto(`${stack.server.url}/new/dispute`);
    await page.getByLabel('纠纷名称').fill('草稿测试：楼道堆物纠纷');
    await page.getByLabel('纠纷简要情况').fill('三楼住户在楼道堆放杂物，邻居多次协商未果');
    await expect
      .poll(async () => (await storedDraft(page, 'dispute:new'))?.state.summary)
      .toBe('三楼住户在楼道堆放杂物，邻居多次协商未果');
    expect(await page.getByText('已恢复上次未保存的内容').count()).toBe(0);

    // Close the tab without saving and without giving it a chance to run any page handler.
    await page.close({ runBeforeUnload: false });
    page = await worker.newPage();
    await page.goto(`${stack.server.url}/new/dispute`);
    await page.getByText('已恢复上次未保存的内容').waitFor();
    expect(await page.getByLabel('纠纷名称').inputValue()).toBe('草稿测试：楼道堆物纠纷');
    expect(await page.getByLabel('纠纷简要情况').inputValue()).toBe(
      '三楼住户在楼道堆放杂物，邻居多次协商未果',
    );
    expect(await page.getByText('记录已被他人修改').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/draft-restored.png` });

    await page.getByLabel('纠纷类型').selectOption({ label: '邻里纠纷' });
    await page.getByLabel('姓名或名称').nth(0).fill('李秀英');
    await page.getByLabel('姓名或名称').nth(1).fill('赵伟');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    await expect.poll(() => storedDraft(page, 'dispute:new')).toBeNull();

    await page.goto(`${stack.server.url}/new/dispute`);
    await page.getByLabel('纠纷名称').waitFor();
    expect(await page.getByLabel('纠纷名称').inputValue()).toBe('');
    expect(await page.getByText('已恢复上次未保存的内容').count()).toBe(0);
  });

  it('starts over from an empty form when the draft is given up', async () => {
    page = await worker.newPage();
    await page.goto(`${stack.server.url}/new/patrol`);
    await page.getByLabel('巡查走访情况').fill('走访湖滨新村，发放反诈宣传资料');
    await expect
      .poll(async () => (await storedDraft(page, 'patrol:new'))?.state.content)
      .toBe('走访湖滨新村，发放反诈宣传资料');
    await page.reload();
    await page.getByText('已恢复上次未保存的内容').waitFor();
    expect(await page.getByLabel('巡查走访情况').inputValue()).toBe('走访湖滨新村，发放反诈宣传资料');

    await page.getByRole('button', { name: '放弃草稿' }).click();
    await expect.poll(() => page.getByLabel('巡查走访情况').inputValue()).toBe('');
    expect(await page.getByText('已恢复上次未保存的内容').count()).toBe(0);
    await expect.poll(() => storedDraft(page, 'patrol:new')).toBeNull();
  });

  it('says when someone else changed the record since the draft, and the save merges both edits', async () => {
    const records = await serverRecords(stack.server.url, 'hb-grid01');
    const dispute = records.find(
      (r): r is DisputeRecord => r.kind === 'dispute' && !r.body.title.startsWith('草稿测试'),
    );
    if (!dispute) throw new Error('the demo data has no dispute in hb-grid01’s grid');
    const key = `dispute:${dispute.id}`;
    const myTitle = `${dispute.body.title}（草稿改）`;

    page = await worker.newPage();
    await page.goto(`${stack.server.url}/records/${dispute.id}/edit`);
    await page.getByLabel('纠纷名称').fill(myTitle);
    await expect.poll(async () => (await storedDraft(page, key))?.state.title).toBe(myTitle);
    await page.close({ runBeforeUnload: false });

    // Meanwhile the community officer changes the summary on the server.
    const police = await apiLogin(stack.server.url, 'hb-police');
    const theirSummary = `${dispute.body.summary}（民警补充：双方同意周末再调解）`;
    const pushed = await fetch(`${stack.server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${police.token}` },
      body: JSON.stringify({
        protocol: 1,
        clientId: crypto.randomUUID(),
        mutations: [
          {
            id: crypto.randomUUID(),
            seq: 1,
            op: 'upsert',
            baseRev: dispute.rev,
            record: {
              ...dispute,
              updatedAt: new Date().toISOString(),
              updatedBy: police.user.id,
              body: { ...dispute.body, summary: theirSummary },
            },
          },
        ],
      }),
    });
    expect(((await pushed.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');

    // The device pulls the officer's change (the detail screen shows it) before the form opens.
    page = await worker.newPage();
    await page.goto(`${stack.server.url}/records/${dispute.id}`);
    await page.getByText(theirSummary).waitFor({ timeout: 30_000 });
    await page.goto(`${stack.server.url}/records/${dispute.id}/edit`);
    await page.getByText('记录已被他人修改，保存时将合并').waitFor();
    expect(await page.getByLabel('纠纷名称').inputValue()).toBe(myTitle);
    await page.screenshot({ path: `${SHOTS}/draft-changed-on-server.png` });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });

    const merged = (await serverRecords(stack.server.url, 'hb-grid01')).find((r) => r.id === dispute.id);
    expect(merged?.kind === 'dispute' && merged.body.title).toBe(myTitle);
    expect(merged?.kind === 'dispute' && merged.body.summary).toBe(theirSummary);
    await expect.poll(() => storedDraft(page, key)).toBeNull();
  });
});
