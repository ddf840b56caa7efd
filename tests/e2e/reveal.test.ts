/**
 * The audited reveal on the real stack: a grid worker opens a demo dispute, sees the party's phone
 * masked, goes offline, reveals it with a reason, and once back online the server's audit log holds
 * exactly one reveal row for that record and field — marked offline, with the reason.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/domain/masking';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';

interface RevealRow {
  user_id: string;
  field: string;
  reason: string;
  offline: number;
}

describe.runIf(chromiumAvailable())('reveal a masked value', () => {
  const stack = useStack();
  let worker: BrowserContext;
  let page: Page;
  let dispute: DisputeRecord;
  let partyPhone: { field: string; phone: string };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext(PHONE);
    const records = await serverRecords(stack.server.url, 'hb-grid01');
    const found = records.find(
      (r): r is DisputeRecord => r.kind === 'dispute' && r.body.parties.some((p) => p.phone),
    );
    if (!found) throw new Error('the demo data has no dispute with a party phone in hb-grid01’s grid');
    dispute = found;
    const party = dispute.body.parties.find((p) => p.phone);
    partyPhone = { field: `body.parties.${party?.id}.phone`, phone: party?.phone ?? '' };
  });

  afterAll(() => worker?.close());

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-reveal-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  /** The server's reveal rows for the dispute's party phone, read from its SQLite file. */
  function revealRows(): RevealRow[] {
    const db = new Sqlite(join(stack.server.dataDir, 'gridkeeper.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          "SELECT user_id, field, reason, offline FROM audit_log WHERE action = 'reveal' AND record_id = ? AND field = ?",
        )
        .all(dispute.id, partyPhone.field) as RevealRow[];
    } finally {
      db.close();
    }
  }

  it('reveals a party phone offline with a reason, and the server records it once back online', async () => {
    page = await worker.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await page.goto(`${stack.server.url}/records/${dispute.id}`);
    const value = page.locator(`.masked[data-field="${partyPhone.field}"]`);
    await value.getByText(maskPhone(partyPhone.phone), { exact: true }).waitFor();
    expect(maskPhone(partyPhone.phone)).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(await page.locator('main').textContent()).not.toContain(partyPhone.phone);

    await worker.setOffline(true);
    await page.getByText('离线').first().waitFor();
    await value.getByRole('button', { name: '显示完整信息' }).click();
    const sheet = page.getByRole('dialog', { name: '查看完整信息' });
    await sheet.getByText('查看将被记录').waitFor();
    await sheet.getByRole('button', { name: '联系当事人' }).click();
    await page.screenshot({ path: `${SHOTS}/reveal-sheet.png` });
    await sheet.getByRole('button', { name: '确认查看' }).click();
    await value.getByRole('link', { name: partyPhone.phone }).waitFor();
    expect(await sheet.count()).toBe(0);

    // 隐藏 masks it again, and a new reveal asks again (cancelled here: nothing more is recorded).
    await value.getByRole('button', { name: '隐藏完整信息' }).click();
    await value.getByText(maskPhone(partyPhone.phone), { exact: true }).waitFor();
    await value.getByRole('button', { name: '显示完整信息' }).click();
    await sheet.getByRole('button', { name: '取消' }).click();
    expect(await value.textContent()).not.toContain(partyPhone.phone);
    expect(revealRows()).toEqual([]);

    // The sync panel counts the entry waiting to be reported, until it is.
    await page.goto(`${stack.server.url}/settings`);
    const waiting = page.locator('.kv', { hasText: '待上报的查看记录' });
    await waiting.getByText('1 条').waitFor();
    await worker.setOffline(false);
    await expect.poll(() => revealRows().length, { timeout: 30_000 }).toBe(1);
    await waiting.waitFor({ state: 'detached' });
    expect(revealRows()).toEqual([
      { user_id: 'demo-hb-grid01', field: partyPhone.field, reason: 'contactParty', offline: 1 },
    ]);
  });
});
