/** Gzipped JS the browser fetches to render the home screen (signed in), and whether maplibre is in it. */
import type { Browser } from 'playwright-core';
import { measureHomeScripts } from '../tests/e2e/support/home-scripts';

export async function measureHomeBundle(browser: Browser, url: string) {
  const result = await measureHomeScripts(browser, url);
  console.log(
    `home screen JS, gzipped: ${result.renderGzipKb.toFixed(1)} KB to render (entry + static imports; ` +
      `budget 80, target 60); ${result.gzipKb.toFixed(1)} KB fetched at start with the sync engine; ` +
      `${result.idleGzipKb.toFixed(1)} KB once idle; maplibre: ${result.maplibre ? 'YES' : 'no'}`,
  );
  for (const f of result.files) {
    console.log(
      `  ${f.beforeHome ? 'render' : 'idle  '} ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KB gz`,
    );
  }
  return result;
}
