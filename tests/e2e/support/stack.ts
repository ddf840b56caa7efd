/** The real stack for one describe block: a server process and a headless Chromium, started and stopped around it. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { type ServerProcess, startServerProcess } from './server-process';

export interface Stack {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/**
 * `env` for the server, or a function that makes it once the block starts (a tile server's URL, a
 * copy of the built app).
 */
export function useStack(env: Record<string, string> | (() => Promise<Record<string, string>>) = {}): Stack {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServerProcess(typeof env === 'function' ? await env() : env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
