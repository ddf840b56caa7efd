/** `npm run admin -- …` against an end-to-end server's DATA_DIR (its SQLite file), as a real process. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export function runAdmin(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  // DATABASE_URL cleared: the e2e server runs on DATA_DIR's SQLite file.
  const child = spawn(TSX, ['src/server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, out })));
}
