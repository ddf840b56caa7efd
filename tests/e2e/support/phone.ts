/** The phone every e2e test holds: a 360×780 screen at twice the density, set to Chinese. */
import type { BrowserContextOptions } from 'playwright-core';

export const PHONE = {
  viewport: { width: 360, height: 780 },
  locale: 'zh-CN',
  deviceScaleFactor: 2,
} satisfies BrowserContextOptions;
