/**
 * Rental housing as a grid worker does it, on the real stack: register a house with a tenant
 * (一户一档), inspect it, fail two items — one fixed on site with a photo, one given a deadline —,
 * see the inspection 整改中 and the house's risk with its reasons; later the landlord reports the fix,
 * the worker rechecks it, signs it off (销号) and the inspection is 已闭环; the server has it all.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../support/photo-samples';
import { chinaDayIn, failItem, handleByDeadline, signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = 'test-results/screens';
const stamp = Date.now().toString(36);
const ADDRESS = `湖滨新寓7栋502室 ${stamp}`;
const ON_SITE = '不在室内或公共区域充电';
const BY_DEADLINE = '无私拉乱接电线';

describe.runIf(chromiumAvailable())('rental house and its inspection', () => {
  const stack = useStack();
  let worker: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await stack.browser.newContext(PHONE);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await page.screenshot({ path: `${SHOTS}/failed-rental-${context.task.name.replaceAll(' ', '-')}.png` });
    }
  });

  it('registers a new house with a tenant on the way to its first inspection', async () => {
    page = await worker.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);

    await page.getByRole('button', { name: '出租房检查' }).click();
    await page.getByText('检查哪一户？').waitFor();
    await page.screenshot({ path: `${SHOTS}/rental-house-picker.png` });
    await page.getByRole('button', { name: '登记新房屋' }).click();
    await page.getByRole('heading', { name: '登记出租房屋' }).waitFor();
    await page.getByLabel('详细地址').fill(ADDRESS);
    await page
      .getByRole('group', { name: /出租房类别/ })
      .getByText('套房', { exact: true })
      .click();
    await page
      .getByRole('group', { name: /出租方式/ })
      .getByText('按间出租', { exact: true })
      .click();
    await page.getByLabel('出租人姓名/单位名称').fill('王建国');
    await page.locator('#landlordIdNo').fill('320111196805121234');
    await page.getByLabel('出租人电话').fill('13812341234');
    await page.getByText('签订租赁合同后7日内申报').waitFor();
    await page
      .getByRole('group', { name: /租赁登记已申报/ })
      .getByText('是', { exact: true })
      .click();
    await page
      .getByRole('group', { name: /已签订安全责任书/ })
      .getByText('否', { exact: true })
      .click();
    await page.getByRole('button', { name: /添加承租人/ }).click();
    await page.locator('#tenants-0-name').fill('孙晓东');
    await page.locator('#tenants-0-phone').fill('13705171234');
    await page.locator('.record-form').screenshot({ path: `${SHOTS}/rental-house-form.png` });
    await page.screenshot({ path: `${SHOTS}/rental-house-form-viewport.png` });
    await page.getByRole('button', { name: '保存', exact: true }).click();

    // Saved, and straight on to the inspection of that house, its header copied.
    await page.getByRole('heading', { name: '新建出租房检查' }).waitFor();
    expect(await page.getByLabel('房屋地址').inputValue()).toBe(ADDRESS);
    expect(await page.getByLabel('出租人姓名').inputValue()).toBe('王建国');
  });

  it('fails two items: one fixed on site with a photo, one by a deadline; the inspection is 整改中', async () => {
    await page.getByRole('button', { name: /其余全部/ }).click();
    await failItem(page, ON_SITE);
    await page
      .getByRole('group', { name: `${ON_SITE} · 处置方式` })
      .getByText('当场整改', { exact: true })
      .click();
    await page.setInputFiles('#checklist-EB03-fix-gallery', {
      name: 'fixed.png',
      mimeType: 'image/png',
      buffer: Buffer.from(samplePng(3, 800, 600)),
    });
    await expect.poll(() => page.locator('#checklist-EB03-fix img.photo-thumb').count()).toBe(1);
    await page.evaluate(() =>
      document.querySelector('#checklist-EB03-level')?.scrollIntoView({ block: 'center' }),
    );
    await page.screenshot({ path: `${SHOTS}/rental-failed-item.png` });

    await failItem(page, BY_DEADLINE);
    // A 一般 hazard gets a week by default.
    await page
      .getByRole('group', { name: `${BY_DEADLINE} · 处置方式` })
      .getByText('限期整改', { exact: true })
      .click();
    expect(await page.getByLabel(`${BY_DEADLINE} · 整改期限`).inputValue()).toBe(chinaDayIn(7));
    await handleByDeadline(page, BY_DEADLINE, chinaDayIn(7));
    await page.getByText('2 项不符合').waitFor();
    await page.locator('#checklist-EL01').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/rental-checklist.png` });

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    await page.locator('.detail__row', { hasText: '状态' }).getByText('整改中').waitFor();
    const onSite = page.getByRole('article', { name: ON_SITE });
    await onSite.getByText('已销号').waitFor();
    const deadline = page.getByRole('article', { name: BY_DEADLINE });
    await deadline.getByText('限期整改中').waitFor();
    await deadline.getByText('还剩 7 天').waitFor();
    await deadline.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/rental-hazard-card.png` });
  });

  it('shows the house’s risk with the reasons behind it', async () => {
    await page.getByRole('link', { name: '查看房屋档案' }).click();
    await page.getByRole('button', { name: '新建检查' }).waitFor();
    await page.getByText('黄色·网格化解').waitFor();
    await page.getByText('有 1 项一般隐患未闭环').waitFor();
    await page.getByText('1 人未办居住登记').waitFor();
    // The tenant's phone is masked until revealed.
    expect(await page.locator('[data-field$=".phone"]').first().textContent()).not.toContain('13705171234');
    await page.locator('.house-risk').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/rental-house-detail.png` });
    // 新建检查 from the house opens an inspection of it, prefilled.
    await page.getByRole('button', { name: '新建检查' }).click();
    await page.getByRole('heading', { name: '新建出租房检查' }).waitFor();
    expect(await page.getByLabel('房屋地址').inputValue()).toBe(ADDRESS);
    await page.goBack();
    await page
      .locator('.house-inspections')
      .getByText(/整改中/)
      .click();
    await page.getByRole('article', { name: BY_DEADLINE }).waitFor();
  });

  it('refuses a recheck before the deadline, then takes the reported fix through recheck to 销号', async () => {
    const card = page.getByRole('article', { name: BY_DEADLINE });
    // Each step opens the one workflow sheet (the dispute's), named for the step and the hazard.
    const sheet = page.getByRole('dialog', { name: `复查 · ${BY_DEADLINE}` });
    await card.getByRole('button', { name: '复查' }).click();
    await sheet.getByRole('button', { name: '保存复查' }).click();
    await sheet.getByText('请填写此项').waitFor();
    await sheet
      .getByRole('group', { name: /复查结果/ })
      .getByText('通过', { exact: true })
      .click();
    await sheet.getByRole('button', { name: '保存复查' }).click();
    await sheet.getByText('未到整改期限，且未报告已整改，暂不能复查').waitFor();
    await page.screenshot({ path: `${SHOTS}/rental-hazard-sheet.png` });
    await sheet.getByRole('button', { name: '取消' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect(await card.getByText('复查通过').count()).toBe(0);

    await card.getByRole('button', { name: '报告已整改' }).click();
    await card.getByText('已整改待复查').waitFor();
    await page.locator('.detail__row', { hasText: '状态' }).getByText('待复查').waitFor();

    await card.getByRole('button', { name: '复查' }).click();
    await sheet
      .getByRole('group', { name: /复查结果/ })
      .getByText('通过', { exact: true })
      .click();
    await sheet.getByLabel('复查情况').fill('电线已穿管,插线板已移除');
    await sheet.getByRole('button', { name: '保存复查' }).click();
    await sheet.waitFor({ state: 'detached' });
    await card.getByText('复查通过').waitFor();
    await card.getByRole('button', { name: '销号' }).click();
    await card.getByText('已销号').waitFor();
    await page.locator('.detail__row', { hasText: '状态' }).getByText('已闭环').waitFor();
  });

  it('syncs: the server has both hazards with their statuses and the recheck', async () => {
    await page.getByRole('link', { name: '返回' }).first().click();
    await page.getByText('已全部同步').first().waitFor({ timeout: 30_000 });
    const records = await serverRecords(stack.server.url, 'hb-leader');
    const house = records.find((r) => r.kind === 'rentalHouse' && r.body.address === ADDRESS);
    const inspection = records.find((r) => r.kind === 'rentalInspection' && r.body.address === ADDRESS);
    if (house?.kind !== 'rentalHouse' || inspection?.kind !== 'rentalInspection')
      throw new Error('not on the server');
    expect(house.body.tenants).toEqual([
      expect.objectContaining({ name: '孙晓东', phone: '13705171234', residenceRegistration: 'none' }),
    ]);
    expect(inspection.body).toMatchObject({
      rentalHouseId: house.id,
      status: 'closed',
      overallResult: 'rectifying',
      rectificationDeadline: chinaDayIn(7),
    });
    const byItem = new Map(inspection.body.hazards.map((h) => [h.itemCode, h]));
    expect(byItem.get('EB03')).toMatchObject({ handling: 'onSite', status: 'closed', hazardLevel: 'major' });
    expect(byItem.get('EB03')?.photoIds).toHaveLength(1);
    expect(byItem.get('EL01')).toMatchObject({
      handling: 'deadline',
      deadline: chinaDayIn(7),
      status: 'closed',
      hazardLevel: 'general',
    });
    expect(byItem.get('EL01')?.rechecks).toEqual([
      expect.objectContaining({ by: expect.any(String), result: 'passed', note: '电线已穿管,插线板已移除' }),
    ]);
    expect(inspection.body.inspectors?.[0]?.name).toBeTruthy();
    mkdirSync('/tmp/shots-rental', { recursive: true });
    cpSync(SHOTS, '/tmp/shots-rental', {
      recursive: true,
      filter: (src) => src === SHOTS || basename(src).startsWith('rental-'),
    });
  });
});
