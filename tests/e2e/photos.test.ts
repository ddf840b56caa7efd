/**
 * Photos on the real stack: a grid worker offline adds a photo from the gallery (a generated PNG,
 * larger than the 1600 px target) and an unusable file to a patrol log; the photo is shrunk to a
 * JPEG on the phone, kept in IndexedDB, uploaded after the record once the network returns, and
 * shown on the community police officer's phone — also after that phone goes offline.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../support/photo-samples';
import { goHome, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { apiLogin, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const CONTENT = `湖滨新寓楼道堆物 ${Date.now().toString(36)}`;

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return {
        height: ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0),
        width: ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0),
      };
    }
    offset += 2 + length;
  }
  return undefined;
}

async function photoLoaded(page: Page): Promise<boolean> {
  return page
    .locator('img.photo-thumb')
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe.runIf(chromiumAvailable())('photos', () => {
  const stack = useStack();
  let worker: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext(PHONE);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-photos-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  it('adds a photo to a patrol log offline, and refuses a file that is not an image', async () => {
    page = await worker.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await worker.setOffline(true);
    await page.getByText('离线').first().waitFor();

    await page.getByRole('button', { name: '巡查日志' }).click();
    await page.getByRole('heading', { name: '新建巡查日志' }).waitFor();
    await page.getByText('反诈宣传', { exact: true }).click();
    await page.getByLabel('巡查走访情况').fill(CONTENT);

    await page.setInputFiles('#photos-gallery', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('这不是照片'),
    });
    await page.getByText('只能添加图片').waitFor();

    await page.setInputFiles('#photos-gallery', {
      name: 'corridor.png',
      mimeType: 'image/png',
      buffer: Buffer.from(samplePng(7, 2000, 1200)),
    });
    await expect.poll(() => page.locator('img.photo-thumb').count()).toBe(1);
    expect(await page.getByText('只能添加图片').count()).toBe(0);
    await page.locator('.photo-field').screenshot({ path: `${SHOTS}/form-photo-field.png` });

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    await page.getByText('照片 0/1 已上传').waitFor();
    await expect.poll(() => photoLoaded(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/detail-photo-offline.png` });
  });

  it('uploads the photo after the record when the network returns', async () => {
    await worker.setOffline(false);
    await page.getByText('照片 1/1 已上传').waitFor({ timeout: 30_000 });

    const { token } = await apiLogin(stack.server.url, 'hb-police');
    const record = (await serverRecords(stack.server.url, 'hb-police')).find((r) =>
      JSON.stringify(r.body).includes(CONTENT),
    );
    const photoIds = record?.body.photoIds ?? [];
    expect(photoIds).toHaveLength(1);
    const response = await fetch(`${stack.server.url}/api/photos/${photoIds[0]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Shrunk on the phone: long side 1600 px, aspect kept.
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 960 });
    await goHome(page);
  });

  it('shows the photo on the community police officer’s phone, also offline afterwards', async () => {
    const police = await stack.browser.newContext(PHONE);
    page = await police.newPage();
    await signIn(page, stack.server.url, 'hb-police');
    await waitForServiceWorker(page);
    await page.getByText(CONTENT).click({ timeout: 30_000 });
    await page.getByText('照片 1/1 已上传').waitFor();
    await expect.poll(() => photoLoaded(page)).toBe(true);
    await page.locator('.photo-section').screenshot({ path: `${SHOTS}/detail-photo-police.png` });

    await police.setOffline(true);
    await page.reload();
    await page.getByText(CONTENT).waitFor();
    await expect.poll(() => photoLoaded(page)).toBe(true);
    await police.close();
  });
});
