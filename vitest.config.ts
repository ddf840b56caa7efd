import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's order, except that the few files that take a minute each start first. Vitest runs the
 * files it has no timings for by file size, and projects by name, so on a fresh clone the sync
 * model and the failover test would start last and the whole run would wait on them.
 */
const SLOW_FIRST = ['tests/sync/model/', 'tests/server/failover.test.ts'];

function rank(spec: TestSpecification): number {
  const index = SLOW_FIRST.findIndex((path) => spec.moduleId.includes(path));
  return index === -1 ? SLOW_FIRST.length : index;
}

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, position) => ({ spec, position }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.position - b.position)
      .map(({ spec }) => spec);
  }
}

/**
 * Three projects:
 * - unit: domain, device storage/sync and server, in the `node` environment (under happy-dom a
 *   stored Blob silently becomes `{}`), with fake-indexeddb for Dexie and a real SQLite file.
 * - app: Preact components under happy-dom.
 * - e2e: the built app and a real server process driven in headless Debian Chromium.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, which then sits
    // partly idle while a file waits on PostgreSQL, a child server or the browser.
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Files run three at a time beside a browser: a test that takes 1 s alone can take 5.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // One module graph per worker, not per file: halves the suite's CPU. Each file cleans up
          // what it changes (timers, stubbed globals, its own databases).
          isolate: false,
          include: ['tests/domain/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/server/**/*.test.ts'],
          // Before any file: Dexie finds IndexedDB when it loads, and a worker loads it once.
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        test: {
          name: 'app',
          environment: 'happy-dom',
          isolate: false,
          include: ['tests/app/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto', 'tests/app/setup-screen-messages.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own server and browser; what a worker keeps is Playwright, loaded once.
          isolate: false,
          // A real browser and server on a shared 2-core machine: a condition polled for 1 s (the
          // default) fails under load though the app is right. A wrong app still fails, later.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
