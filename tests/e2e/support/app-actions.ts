/** What a user does in the app, as Playwright steps (fields by label, buttons by their Chinese names). */
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo123456';

/** Signs in through the login screen and waits for the home screen. */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '网格管家' }).waitFor();
}
