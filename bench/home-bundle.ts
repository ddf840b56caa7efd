/** Gzipped JS the browser fetches to render the home screen (signed in), and whether maplibre is in it. */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { signIn } from '../tests/e2e/support/app-actions';

export async function measureHomeBundle(browser: Browser, url: string) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await signIn(page, url, 'hb-grid01');
  // Measure a cold load of home with the session in place: every script it requests.
  const scripts = new Map<string, Buffer>();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body());
  });
  await page.reload();
  await page.getByRole('heading', { name: '网格管家' }).waitFor();
  await page.waitForLoadState('networkidle');
  const files = [...scripts].map(([file, body]) => ({
    file: new URL(file).pathname,
    bytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    hasMaplibre: body.includes('maplibre'),
  }));
  await context.close();
  const gzipKb = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  console.log(
    `home screen JS: ${files.length} files, ${gzipKb.toFixed(1)} KB gzipped (budget 80, target 60)`,
  );
  for (const f of files) console.log(`  ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KB gz`);
  return { gzipKb, files, maplibre: files.some((f) => f.hasMaplibre) };
}
