import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  // DATABASE_URL cleared: these runs are about DATA_DIR and must never touch a shared PostgreSQL.
  // tsx as a loader in this very process, not the tsx CLI: the CLI relays a signal to its child and
  // SIGKILLs it (exit 143) if the child does not answer within 30 ms, which a loaded machine misses.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DEMO: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(run: Run, text: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!run.stdout().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out; stdout: ${run.stdout()} stderr: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('main.ts as a real process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-main-'));
  let port: number;
  let server: Run;

  beforeAll(async () => {
    port = await freePort();
    server = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor(server, 'demo account: tq-police');
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exit;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URL, then one line per demo account, and answers /api/health', async () => {
    const lines = server.stdout().trim().split('\n');
    expect(lines[0]).toBe(`Gridkeeper listening on http://localhost:${port}`);
    expect(lines).toContain('demo account: hb-grid01 / demo123456 — 专职网格员 — 大厂街道湖滨社区第一网格');
    expect(lines.filter((line) => line.startsWith('demo account: '))).toHaveLength(15);
    const response = await fetch(`http://localhost:${port}/api/health`);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it(
    'exits non-zero with a clear message when the port is taken',
    async () => {
      const second = start({ PORT: String(port), DATA_DIR: dataDir });
      expect(await second.exit).not.toBe(0);
      expect(second.stderr()).toContain(`port ${port} is already in use`);
    },
    START_TIMEOUT_MS,
  );

  it(
    'exits non-zero with a clear message when the data directory is unusable',
    async () => {
      const notADir = join(dataDir, 'a-file');
      writeFileSync(notADir, 'not a directory');
      const run = start({ PORT: String(await freePort()), DATA_DIR: notADir });
      expect(await run.exit).not.toBe(0);
      expect(run.stderr()).toContain('data directory');
    },
    START_TIMEOUT_MS,
  );

  it(
    'exits non-zero with a clear message when TILE_URL is not an XYZ template',
    async () => {
      const run = start({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        TILE_URL: 'https://tiles.example.org/{z}/{x}.png',
      });
      expect(await run.exit).not.toBe(0);
      expect(run.stderr()).toContain('TILE_URL must contain {y} exactly once');
    },
    START_TIMEOUT_MS,
  );

  it(
    'shuts down cleanly on SIGTERM',
    async () => {
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(0);
    },
    START_TIMEOUT_MS,
  );
});
