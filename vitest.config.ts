import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: domain, device storage/sync and server, in the `node` environment (under happy-dom a
 *   stored Blob silently becomes `{}`), with fake-indexeddb for Dexie and a real SQLite file.
 * - app: Preact components under happy-dom.
 * - e2e: the built app and a real server process driven in headless Debian Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/domain/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/server/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'app',
          environment: 'happy-dom',
          include: ['tests/app/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/app/setup-screen-messages.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A real browser and server on a shared 2-core machine: a condition polled for 1 s (the
          // default) fails under load though the app is right. A wrong app still fails, later.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
