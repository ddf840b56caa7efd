/**
 * 打印文书 on the real stack: a mediator opens a case mediated to an agreement, the two parties sign
 * on the phone's pad (a finger is the mouse here), the 人民调解协议书 renders with their signatures
 * and prints to an A4 PDF; the signatures reach the server as photos another street cannot read.
 * A grid worker prints the 隐患整改通知书 of an inspection with a hazard while offline, from a cold
 * start too, and the print is queued as an audited reveal, sent once back online.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RevealEntry } from '../../src/domain/reveal';
import { sampleAgreedDispute, sampleRentalInspection } from '../support/sample-records';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { deviceRows } from './support/device-db';
import { PHONE } from './support/phone';
import { apiLogin, pushRecord, serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const GRID = 'dachang-hubin-01';
const APPLICANT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ab';
const RESPONDENT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ac';
const MEDIATOR = '0190a5d2-7a3b-7c4d-8e9f-0123456789ad';

/** A name-like scribble across the pad, drawn with the mouse as a finger would. */
async function signOnPad(page: Page, signer: string, name: string): Promise<void> {
  await page.locator(`[data-signer="${signer}"]`).getByRole('button', { name: '签名' }).click();
  const pad = page.getByRole('dialog', { name: `请 ${name} 在框内签名` });
  await pad.waitFor();
  const box = await pad.locator('canvas').boundingBox();
  if (!box) throw new Error('the pad has no box');
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  for (const stroke of [
    [at(0.1, 0.6), at(0.2, 0.3), at(0.3, 0.7), at(0.4, 0.35)],
    [at(0.5, 0.3), at(0.55, 0.75), at(0.7, 0.4), at(0.9, 0.6)],
  ]) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await page.mouse.move(...first);
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...point, { steps: 8 });
    await page.mouse.up();
  }
  await pad.getByRole('button', { name: '确认' }).click();
  await pad.waitFor({ state: 'detached' });
  await page.locator(`[data-signer="${signer}"]`).getByText('已签').waitFor();
}

/** `username`'s phone, signed in with the app installed, on the record's detail screen. */
async function openOnPhone(browser: Browser, url: string, username: string, recordId: string) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, url, username);
  await waitForServiceWorker(page);
  await page.locator(`a.record-row[href="/records/${recordId}"]`).click();
  return { context, page };
}

/** A real PDF of at least one page, and how many pages it has. */
function pdfPages(pdf: Buffer): number {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  return pages;
}

describe.runIf(chromiumAvailable())('printed papers', () => {
  const stack = useStack();

  it('signs the 人民调解协议书 on the phone, prints it to an A4 PDF and syncs the signatures as photos', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const url = stack.server.url;
    const mediator = await apiLogin(url, 'hb-mediator');
    const now = new Date().toISOString();
    const sample = sampleAgreedDispute(randomUUID(), GRID, mediator.user.id);
    const record = {
      ...sample,
      createdAt: now,
      updatedAt: now,
      body: { ...sample.body, title: `502漏水纠纷 ${Date.now().toString(36)}`, registeredAt: now },
    };
    await pushRecord(url, mediator.token, record);

    const { context, page } = await openOnPhone(stack.browser, url, 'hb-mediator', record.id);
    await page.getByRole('link', { name: '打印调解协议书' }).click();
    await page.getByRole('heading', { name: '人民调解协议书' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/print-agreement-open.png` });

    // 确认 on an empty pad keeps the pad open and says why.
    await page.locator(`[data-signer="${MEDIATOR}"]`).getByRole('button', { name: '签名' }).click();
    const empty = page.getByRole('dialog', { name: '请 陈调解 在框内签名' });
    await empty.getByRole('button', { name: '确认' }).click();
    await empty.getByRole('alert').filter({ hasText: '请先在框内签名' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/print-signature-pad.png` });
    await empty.getByRole('button', { name: '取消' }).click();

    await signOnPad(page, APPLICANT, '李秀英');
    await signOnPad(page, RESPONDENT, '赵伟');
    const images = page.locator('.paper-sign[data-signed="true"] img');
    await expect.poll(() => images.count()).toBe(2);
    await expect
      .poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    // The mediator has not signed: a blank line to sign by hand.
    expect(await page.locator('.paper-sign[data-signed="false"]').count()).toBe(1);
    await page.locator('.paper__signatures').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${SHOTS}/print-agreement-signed.png` });

    const text = await page.locator('.paper').textContent();
    for (const expected of ['人民调解协议书', '李秀英', '赵伟', '13912345678', '32011119800101123X', '800'])
      expect(text).toContain(expected);
    const pdf = await page.pdf({ format: 'A4' });
    pdfPages(pdf);
    writeFileSync(`${SHOTS}/print-agreement.pdf`, pdf);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-bar').isVisible()).toBe(false);
    expect(await page.locator('.signers').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/print-agreement-as-printed.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The signatures reach the server on the record, and as photos after it.
    await expect
      .poll(async () => {
        const held = (await serverRecords(url, 'hb-mediator')).find((r) => r.id === record.id);
        return held?.kind === 'dispute' ? (held.body.signatures ?? []).map((s) => s.signer).sort() : [];
      })
      .toEqual([APPLICANT, RESPONDENT].sort());
    const held = (await serverRecords(url, 'hb-mediator')).find((r) => r.id === record.id);
    const photoIds = held?.kind === 'dispute' ? (held.body.signatures ?? []).map((s) => s.photoId) : [];
    const status = async (sha256: string, username: string) => {
      const { token } = await apiLogin(url, username);
      return (await fetch(`${url}/api/photos/${sha256}`, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    };
    for (const sha256 of photoIds) {
      await expect.poll(() => status(sha256, 'hb-leader')).toBe(200);
      expect(await status(sha256, 'tq-police')).toBe(404);
    }
    // Opening the paper was an audited reveal of each printed value; sent, so no longer queued.
    await expect.poll(async () => (await deviceRows(page, 'auditQueue')).length).toBe(0);
    await context.close();
  });

  it('prints the 隐患整改通知书 offline, from a cold start too, queuing the audited reveal', async () => {
    const url = stack.server.url;
    const worker = await apiLogin(url, 'hb-grid01');
    const now = new Date().toISOString();
    const sample = sampleRentalInspection(randomUUID(), GRID, worker.user.id);
    const [hazard] = sample.body.hazards;
    if (hazard) hazard.responsibleParty = 'landlord';
    const record = {
      ...sample,
      createdAt: now,
      updatedAt: now,
      body: {
        ...sample.body,
        address: `大厂街道湖滨新寓${Date.now() % 97}栋302室`,
        inspectors: [{ id: randomUUID(), userId: worker.user.id, name: worker.user.name }],
        noticeNo: '湖滨整改〔2026〕7号',
      },
    };
    await pushRecord(url, worker.token, record);

    const { context, page } = await openOnPhone(stack.browser, url, 'hb-grid01', record.id);
    const button = page.getByRole('link', { name: '打印整改通知书' });
    await button.waitFor();
    expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);

    await context.setOffline(true);
    await button.click();
    await page.getByRole('heading', { name: '隐患整改通知书' }).waitFor();
    const text = await page.locator('.paper').textContent();
    for (const expected of [
      '王建国',
      record.body.address,
      '电动车、电池不进楼入户',
      '重大隐患',
      '2026 年 11 月 27 日',
    ])
      expect(text).toContain(expected);
    await page.screenshot({ path: `${SHOTS}/print-notice.png` });
    const pdf = await page.pdf({ format: 'A4' });
    pdfPages(pdf);
    writeFileSync(`${SHOTS}/print-notice.pdf`, pdf);

    const queued = await deviceRows<RevealEntry & { state: string }>(page, 'auditQueue');
    expect(queued.map((entry) => [entry.recordId, entry.field, entry.reason, entry.offline]).sort()).toEqual([
      [record.id, 'body.address', 'printPaper', true],
      [record.id, 'body.landlordName', 'printPaper', true],
      [record.id, 'body.landlordPhone', 'printPaper', true],
    ]);

    // A cold start of the print page with no network: the service worker has the app.
    await page.reload();
    await page.getByRole('heading', { name: '隐患整改通知书' }).waitFor();
    expect(await page.locator('.paper').textContent()).toContain('王建国');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/print-notice-as-printed.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect((await deviceRows(page, 'auditQueue')).length).toBe(6);

    await context.setOffline(false);
    await expect.poll(async () => (await deviceRows(page, 'auditQueue')).length).toBe(0);
    await context.close();
  });
});
