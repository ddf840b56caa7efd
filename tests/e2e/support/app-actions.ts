/** What a user does in the app, as Playwright steps (fields by label, buttons by their Chinese names). */
import type { BrowserContext, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo123456';
/** The app-lock PIN every test user sets at the first sign-in on a browser context. */
export const TEST_PIN = '258036';

/**
 * Signs in through the login screen, sets the app-lock PIN when the app asks (first sign-in on this
 * context), and waits for the home screen. Unless `unlock: false`, the page — and every page the
 * context opens later — types the PIN whenever the lock screen shows (a reload, a new tab), so
 * tests about something else need not know about the lock.
 */
export async function signIn(
  page: Page,
  url: string,
  username: string,
  options: { unlock?: boolean } = {},
): Promise<void> {
  await page.goto(url);
  await submitLogin(page, username);
  await setPinIfAsked(page);
  if (options.unlock !== false) await unlockAutomatically(page.context(), page);
  await homeShown(page);
}

/** Fills and submits the login form. */
export async function submitLogin(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** After a sign-in: sets TEST_PIN if the app asks for a PIN, else finds the home screen. */
export async function setPinIfAsked(page: Page, pin = TEST_PIN): Promise<void> {
  const setPin = page.getByRole('heading', { name: '设置解锁 PIN' });
  await setPin.or(page.locator('main.home-list')).first().waitFor();
  if (!(await setPin.isVisible())) return;
  await enterPin(page, pin);
  await page.getByRole('heading', { name: '再输入一次 PIN' }).waitFor();
  await enterPin(page, pin);
  const skip = page.getByRole('button', { name: '以后再说，只用 PIN' });
  await skip.or(page.locator('main.home-list')).first().waitFor();
  if (await skip.isVisible()) await skip.click();
}

/** Taps the PIN on the app's keypad. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
}

/** The lock screen (cold start, or back after 10 minutes away). */
export function lockScreen(page: Page) {
  return page.getByRole('heading', { name: '输入 PIN 解锁' });
}

const unlocking = new WeakSet<Page>();
const watchedContexts = new WeakSet<BrowserContext>();

async function unlockAutomatically(context: BrowserContext, page: Page): Promise<void> {
  const watch = async (target: Page) => {
    if (unlocking.has(target)) return;
    unlocking.add(target);
    await target.addLocatorHandler(lockScreen(target), () => enterPin(target, TEST_PIN));
  };
  await watch(page);
  if (watchedContexts.has(context)) return;
  watchedContexts.add(context);
  // A new page is blank when this fires: the handler is registered long before the app can lock.
  context.on('page', (target) => void watch(target));
}

/** The home screen (the login screen shows the app name too, so wait for the create buttons). */
export async function homeShown(page: Page): Promise<void> {
  // A department account has no create buttons: its home is its queue and the list.
  await page
    .getByRole('navigation', { name: '新建记录' })
    .or(page.locator('main.home-list'))
    .first()
    .waitFor();
}

/** Waits until the service worker controls the page, so the app shell is precached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    // A reload is a cold start: the app locks. A page signed in with `unlock: false` has no
    // handler typing the PIN, so it is typed here.
    if (!unlocking.has(page)) {
      const lock = lockScreen(page);
      await lock
        .or(page.getByRole('navigation', { name: '新建记录' }))
        .first()
        .waitFor();
      if (await lock.isVisible()) await enterPin(page, TEST_PIN);
    }
    await homeShown(page);
  }
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('button', { name: '编辑' }).waitFor();
}

export async function createPatrol(page: Page, content: string, options = { locate: true }): Promise<void> {
  await page.getByRole('button', { name: '巡查日志' }).click();
  await page.getByRole('heading', { name: '新建巡查日志' }).waitFor();
  await page.getByText('反诈宣传', { exact: true }).click();
  await page.getByLabel('巡查走访情况').fill(content);
  if (options.locate) {
    await page.getByRole('button', { name: '获取定位' }).click();
    await page.getByText(/已定位/).waitFor();
  }
  await save(page);
}

/** A `YYYY-MM-DD` day `days` after today in China (deadlines are China calendar days). */
export function chinaDayIn(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** An inspection of a place with no house record (the picker's 不建档 path), one hazard by deadline. */
export async function createRentalInspection(page: Page, address: string): Promise<void> {
  await page.getByRole('button', { name: '出租房检查' }).click();
  await page.getByText('检查哪一户？').waitFor();
  await page.getByRole('button', { name: /不建档/ }).click();
  await page.getByRole('heading', { name: '新建出租房检查' }).waitFor();
  await page.getByLabel('房屋地址').fill(address);
  await page.getByLabel('出租人姓名').fill('王建国');
  await page.getByLabel('出租人电话').fill('13812341234');
  await page.getByRole('button', { name: /其余全部/ }).click();
  await failItem(page, '电动车、电池不进楼入户');
  await handleByDeadline(page, '电动车、电池不进楼入户', chinaDayIn(7));
  await save(page);
}

/** Marks a checklist item 不符合. */
export async function failItem(page: Page, item: string): Promise<void> {
  await page.getByRole('group', { name: item, exact: true }).getByText('不符合', { exact: true }).click();
}

/** Chooses 限期整改 for a failed item and sets its deadline. */
export async function handleByDeadline(page: Page, item: string, deadline: string): Promise<void> {
  await page
    .getByRole('group', { name: `${item} · 处置方式` })
    .getByText('限期整改', { exact: true })
    .click();
  await page.getByLabel(`${item} · 整改期限`).fill(deadline);
}

export async function createDispute(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '矛盾纠纷' }).click();
  await page.getByRole('heading', { name: '新建矛盾纠纷' }).waitFor();
  await page.getByLabel('纠纷名称').fill(title);
  await page.getByLabel('纠纷类型').selectOption({ label: '邻里纠纷' });
  await page.getByLabel('纠纷简要情况').fill('楼上卫生间漏水至楼下,双方就维修费用争执');
  await page.getByLabel('姓名或名称').nth(0).fill('李秀英');
  await page.getByLabel('姓名或名称').nth(1).fill('赵伟');
  await save(page);
}

export async function goHome(page: Page): Promise<void> {
  await page.getByRole('link', { name: '返回' }).first().click();
  await homeShown(page);
}
