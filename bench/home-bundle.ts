/** Gzipped JS the browser fetches to render the home screen (signed in), and whether maplibre is in it. */
import type { Browser } from 'playwright-core';
import { measureHomeScripts } from '../tests/e2e/support/home-scripts';

export async function measureHomeBundle(browser: Browser, url: string) {
  const result = await measureHomeScripts(browser, url);
  console.log(
    `home screen JS: ${result.files.length} files, ${result.gzipKb.toFixed(1)} KB gzipped (budget 80, target 60)`,
  );
  for (const f of result.files) console.log(`  ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KB gz`);
  return result;
}
