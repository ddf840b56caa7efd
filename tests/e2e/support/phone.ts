/** The phone every e2e test holds: a 360×780 screen at twice the density, set to Chinese, in China's time zone. */
import type { BrowserContextOptions } from 'playwright-core';

export const PHONE = {
  viewport: { width: 360, height: 780 },
  locale: 'zh-CN',
  // The machine's clock is UTC; a phone in 江北新区 shows +08:00, where the product's days begin.
  timezoneId: 'Asia/Shanghai',
  deviceScaleFactor: 2,
} satisfies BrowserContextOptions;
