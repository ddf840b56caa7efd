/**
 * The badge never says all is synced while sync fails: a pass whose pull the server cannot answer
 * shows 同步失败 within that pass, the sync screen says why in Chinese and what to do, and
 * 已全部同步 comes back only after a pass that pushed and pulled in full.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { homeShown, signIn } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { useStack } from './support/stack';

const BROKEN_ID = '0190a5d2-7a3b-7c4d-8e9f-00000000dead';

/** A change in hb-grid01's grid whose stored body the server cannot read, so every pull of it fails. */
function breakOneRecord(dataDir: string): () => void {
  const db = new Database(join(dataDir, 'gridkeeper.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.transaction(() => {
    const seq = Number(
      (db.prepare(`UPDATE counters SET value = value + 1 RETURNING value`).get() as { value: number }).value,
    );
    db.prepare(
      `INSERT INTO records (id, kind, grid_id, rev, change_seq, deleted, created_at, created_by, updated_at,
         updated_by, schema_version, body)
       SELECT ?, kind, grid_id, 1, ?, 0, created_at, created_by, updated_at, updated_by, schema_version, '{"broken'
       FROM records WHERE grid_id = 'dachang-hubin-01' AND kind = 'patrol' LIMIT 1`,
    ).run(BROKEN_ID, seq);
  })();
  return () => {
    db.prepare(`DELETE FROM records WHERE id = ?`).run(BROKEN_ID);
    db.close();
  };
}

describe.runIf(chromiumAvailable())('the sync badge when a pass fails', () => {
  const stack = useStack();

  it('shows 同步失败 with the reason and what to do, and 已全部同步 only after a full pass', async () => {
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    const badge = page.locator('.badge');
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('已全部同步');

    const repair = breakOneRecord(stack.server.dataDir);
    await badge.click();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('同步失败');
    expect(await badge.textContent()).not.toContain('已全部同步');
    await page
      .getByText('服务器出错，稍后会自动重试；一直如此请联系管理员')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screens/sync-failed.png' });

    // Still failed after a reload: the badge reads the last pass from the device, not a fresh page.
    await page.reload();
    // A reload locks the app: waiting on the screen lets the sign-in helper type the PIN.
    await page.getByRole('button', { name: '立即同步' }).waitFor();
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('同步失败');

    repair();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('已全部同步');
    await page.goto(`${stack.server.url}/`);
    await homeShown(page);
    await context.close();
  });
});
