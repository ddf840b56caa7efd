/**
 * Fills a signed-in user's device database with the home-list fixture (bench/browser/list-records.ts),
 * through the real device code in a second page of the same origin. The context must have been
 * created with `bypassCSP: true`: the device code is injected inline, which the app's CSP forbids.
 */
import type { BrowserContext } from 'playwright-core';
import { deviceBenchScript } from '../../../bench/device';
import { apiLogin } from './server-records';

export async function seedListRecords(
  context: BrowserContext,
  url: string,
  username: string,
  count: number,
): Promise<void> {
  const { user } = await apiLogin(url, username);
  const seeder = await context.newPage();
  await seeder.goto(`${url}/api/health`);
  await seeder.addScriptTag({ content: await deviceBenchScript() });
  // The device database is named after the user: fillList's first argument is the user id.
  const args = [user.id, count, user.scope.gridIds[0] ?? '', user.id].map((a) => JSON.stringify(a));
  await seeder.evaluate(`window.deviceBench.fillList(${args.join(', ')})`);
  await seeder.close();
}
