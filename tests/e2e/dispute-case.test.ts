/**
 * A dispute handled as a mediator really does it, on the real stack: a grid worker registers a
 * case with two parties, then takes it step by step through 受理, 开始调解, 记录调解, 调解成功
 * (written agreement with a deadline), 开始履行, 回访 and 结案 on the detail screen. 调解成功 is
 * refused in Chinese before any session is recorded. The server ends up with the whole case file.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { signIn, waitForServiceWorker } from './support/app-actions';
import { chromiumAvailable } from './support/chromium';
import { PHONE } from './support/phone';
import { serverRecords } from './support/server-records';
import { useStack } from './support/stack';

const SHOTS = '/tmp/shots-dispute';
const TITLE = `502漏水纠纷 ${Date.now().toString(36)}`;

/** Opens a step's sheet, lets `fill` fill it in, and confirms it. */
async function step(page: Page, name: string, fill: (sheet: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name, exact: true }).click();
  const sheet = page.getByRole('dialog', { name });
  await sheet.waitFor();
  await fill(sheet);
  await sheet.getByRole('button', { name: `确认${name}` }).click();
}

async function statusIs(page: Page, status: string): Promise<void> {
  await page.locator('.case-status', { hasText: status }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe.runIf(chromiumAvailable())('a dispute case from registration to 结案', () => {
  const stack = useStack();

  it('takes a registered dispute through mediation, performance and follow-up to 已结案', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await stack.browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, stack.server.url, 'hb-grid01');
    await waitForServiceWorker(page);

    await page.getByRole('button', { name: '矛盾纠纷' }).click();
    await page.getByRole('heading', { name: '新建矛盾纠纷' }).waitFor();
    expect(await page.getByLabel('状态').count()).toBe(0);
    await page.getByLabel('纠纷名称').fill(TITLE);
    await page.getByLabel('纠纷类型').selectOption({ label: '邻里纠纷' });
    await page.getByRole('button', { name: '漏水', exact: true }).click();
    await page.getByLabel('纠纷简要情况').fill('楼上卫生间漏水至楼下,双方就维修费用争执');
    await page.getByLabel('涉及金额（元）').fill('120000');
    await page.getByLabel('姓名或名称').nth(0).fill('李秀英');
    await page.getByLabel('联系电话').nth(0).fill('13812345678');
    await page.getByLabel('姓名或名称').nth(1).fill('赵伟');
    await page.getByLabel('纠纷名称').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/01-registration-form.png` });
    await page.getByRole('heading', { name: '规模与风险' }).evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/01-registration-form-risk.png` });
    await page.getByRole('heading', { name: '当事人' }).evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/01-registration-form-parties.png` });
    await page.getByRole('button', { name: '保存', exact: true }).click();

    await statusIs(page, '已登记');
    await page.getByText('建议上报至街道：涉及金额≥10万元').waitFor();
    await page.screenshot({ path: `${SHOTS}/02-case-detail.png` });

    await step(page, '受理', async (sheet) => {
      await sheet.getByLabel('经当事人同意调解').check();
      await page.screenshot({ path: `${SHOTS}/03-accept-sheet.png` });
    });
    await statusIs(page, '已受理');
    await step(page, '开始调解', async () => {});
    await statusIs(page, '调解中');

    // 调解成功 with no 调解记录 yet: refused in Chinese, nothing saved.
    await step(page, '调解成功', async (sheet) => {
      await sheet.getByLabel('协议内容').fill('赵伟承担维修费1200元');
    });
    await page.getByRole('alert').filter({ hasText: '还没有调解记录' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/04-refused-sheet.png` });
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await statusIs(page, '调解中');

    await step(page, '记录调解', async (sheet) => {
      await sheet.getByLabel('当事人陈述').fill('李秀英要求赔偿维修费;赵伟同意承担');
      await sheet.getByText('达成协议', { exact: true }).click();
    });
    await page.getByText('调解记录（1）').waitFor();
    await step(page, '调解成功', async (sheet) => {
      await sheet.getByLabel('协议内容').fill('赵伟承担维修费1200元,于12月20日前付清');
      await sheet.getByLabel('协议金额（元）').fill('1200');
      await sheet.getByLabel('履行期限').fill('2026-12-20');
    });
    await statusIs(page, '调解成功');
    await step(page, '开始履行', async () => {});
    await statusIs(page, '履行中');
    await step(page, '回访', async (sheet) => {
      await sheet.getByText('已履行', { exact: true }).click();
      await sheet.getByText('满意', { exact: true }).click();
    });
    await statusIs(page, '已回访');
    await step(page, '结案', async () => {});
    await statusIs(page, '已结案');

    const flow = page.getByRole('list', { name: '流转记录（7）' });
    for (const line of [
      '受理：已登记 → 已受理',
      '开始调解：已受理 → 调解中',
      '记录调解（调解中）',
      '调解成功：调解中 → 调解成功',
      '开始履行：调解成功 → 履行中',
      '回访：履行中 → 已回访',
      '结案：已回访 → 已结案',
    ]) {
      await flow.getByText(line).waitFor();
    }
    await page.getByRole('heading', { name: '调解卷宗' }).evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/05-closed-file.png` });
    await flow.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/06-closed-flow.png` });

    await page.getByText('已同步', { exact: true }).first().waitFor({ timeout: 30_000 });
    const onServer = (await serverRecords(stack.server.url, 'hb-grid01')).find(
      (r): r is DisputeRecord => r.kind === 'dispute' && r.body.title === TITLE,
    );
    expect(onServer?.body).toMatchObject({
      status: 'closed',
      handlingLevel: 'grid',
      consentToMediate: true,
      agreementType: 'written',
      agreement: { amountYuan: 1200, performanceDeadline: '2026-12-20' },
      performanceStatus: 'fulfilled',
    });
    expect(onServer?.body.sessions).toHaveLength(1);
    expect(onServer?.body.followUps).toMatchObject([{ performance: 'fulfilled', satisfaction: 'satisfied' }]);
    expect(onServer?.body.flowLogs.map((log) => log.action)).toEqual([
      'accept',
      'startMediation',
      'recordSession',
      'succeed',
      'startPerformance',
      'followUp',
      'close',
    ]);
    expect(onServer?.body.closedAt).toBeDefined();
    await context.close();
  });
});
