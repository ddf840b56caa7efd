import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { HUBIN_GRID_1 } from '../support/test-server';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const RUN_TIMEOUT_MS = 30_000;

/** `tsx src/server/admin/cli.ts …`, as `npm run admin -- …` runs it, on DATA_DIR's SQLite file. */
function runCli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // DATABASE_URL cleared: this run is about DATA_DIR and must never touch a shared PostgreSQL.
  const child = spawn(TSX, ['src/server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

describe('the admin CLI as a real process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-admin-'));
  const sqlitePath = join(dataDir, 'gridkeeper.sqlite');

  beforeAll(async () => {
    const db = await openDatabase({ sqlitePath });
    await seedDemoData(db);
    await db.destroy();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'lists the commands with --help',
    async () => {
      const run = await runCli(dataDir, '--help');
      expect(run.code).toBe(0);
      for (const command of [
        'create-user',
        'assign',
        'reset-password',
        'revoke-sessions',
        'list-users',
        'list-orgs',
      ])
        expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'creates a user in the SQLite file who can then sign in, and exits 1 with a clear error on a taken username',
    async () => {
      const args = [
        'create-user',
        '--username',
        'sun.li',
        '--name',
        '孙丽',
        '--role',
        'mediator',
        '--assign',
        HUBIN_GRID_1,
      ];
      const run = await runCli(dataDir, ...args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const password = /shown only this once.*: (\S+)$/m.exec(run.stdout)?.[1] ?? '';
      expect(password).not.toBe('');

      const again = await runCli(dataDir, ...args);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toBe('Error: The username "sun.li" is taken.');

      const db = await openDatabase({ sqlitePath });
      try {
        const app = createApp({ db, demoAccounts: false });
        const login = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'sun.li', password }),
        });
        expect(login.status).toBe(200);
      } finally {
        await db.destroy();
      }
    },
    RUN_TIMEOUT_MS,
  );
});
