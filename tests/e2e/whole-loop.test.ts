/**
 * The whole loop on the real stack: a grid worker signs in once, records three kinds offline,
 * edits one, closes the tab and reopens the app with no network, comes back online and the
 * records reach the server exactly once without a tap; the community police officer pulls them.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import {
  createDispute,
  createPatrol,
  createRentalInspection,
  goHome,
  homeShown,
  signIn,
  waitForServiceWorker,
} from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const stamp = Date.now().toString(36);
const PATROL_TEXT = `湖滨新寓巡查 ${stamp}`;
const PATROL_EDITED = `湖滨新寓巡查(已补充) ${stamp}`;
const ADDRESS = `湖滨新寓5栋302室 ${stamp}`;
const DISPUTE_TITLE = `502漏水纠纷 ${stamp}`;

function mentions(record: GridRecord, text: string): boolean {
  return JSON.stringify(record.body).includes(text);
}

describe.runIf(chromiumAvailable())('the whole loop', () => {
  const stack = useStack();
  let worker: BrowserContext;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext({
      ...PHONE,
      geolocation: { latitude: 32.2265, longitude: 118.7485, accuracy: 12 },
      permissions: ['geolocation'],
    });
  });

  let page: Page;

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  it('records three kinds offline after one online sign-in', async () => {
    page = await worker.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);
    await worker.setOffline(true);
    await page.getByText('离线').first().waitFor();

    await createPatrol(page, PATROL_TEXT);
    await expect.poll(() => page.getByText('待同步').count()).toBeGreaterThan(0);
    await goHome(page);
    await createRentalInspection(page, ADDRESS);
    await goHome(page);
    await createDispute(page, DISPUTE_TITLE);
    await goHome(page);

    await page.getByText('3 条待同步').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/home-offline-pending.png` });
  });

  it('edits a record offline', async () => {
    await page.getByText(PATROL_TEXT).click();
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByLabel('巡查走访情况').fill(PATROL_EDITED);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(PATROL_EDITED).waitFor();
    await goHome(page);
    await page.getByText('3 条待同步').first().waitFor();
  });

  it('reopens with no network and everything is still there', async () => {
    await page.close();
    page = await worker.newPage();
    await page.goto(stack.server.url);
    await homeShown(page);
    await page.getByText(PATROL_EDITED).waitFor();
    await page.getByText(ADDRESS).waitFor();
    await page.getByText(DISPUTE_TITLE).waitFor();
    await page.getByText('3 条待同步').first().waitFor();
    expect(await serverRecords(stack.server.url, 'hb-police')).not.toContainEqual(
      expect.objectContaining({ body: expect.objectContaining({ content: PATROL_EDITED }) }),
    );
  });

  it('syncs by itself when the network returns, each record exactly once', async () => {
    await worker.setOffline(false);
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/home-synced.png` });

    const onServer = await serverRecords(stack.server.url, 'hb-police');
    expect(onServer.filter((r) => mentions(r, PATROL_EDITED))).toHaveLength(1);
    expect(onServer.filter((r) => mentions(r, PATROL_TEXT) && !mentions(r, PATROL_EDITED))).toHaveLength(0);
    expect(onServer.filter((r) => mentions(r, ADDRESS))).toHaveLength(1);
    expect(onServer.filter((r) => mentions(r, DISPUTE_TITLE))).toHaveLength(1);
    const patrol = onServer.find((r) => mentions(r, PATROL_EDITED));
    expect(patrol?.kind === 'patrol' && patrol.body.location?.lngLat).toEqual([118.7485, 32.2265]);
  });

  it('shows the records on the community police officer’s device', async () => {
    const police = await stack.browser.newContext(PHONE);
    const officer = await police.newPage();
    await signIn(officer, stack.server.url, 'hb-police');
    await officer.getByText(PATROL_EDITED).waitFor({ timeout: 30_000 });
    await officer.getByText(ADDRESS).waitFor();
    await officer.getByText(DISPUTE_TITLE).waitFor();
    await officer.screenshot({ path: `${SHOTS}/home-police.png` });
    await police.close();
  });
});
