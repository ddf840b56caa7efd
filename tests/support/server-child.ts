/**
 * The real server (`node --import tsx src/server/main.ts`) as a child process that a test may kill
 * with any signal, SIGKILL included, and start again on the same DATA_DIR or database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../e2e/support/server-process';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;

export interface ServerChild {
  url: string;
  output(): string;
  /** Sends `signal` and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the server on a free port and resolves once it printed its URL. SQLite in `dataDir`
 * unless `databaseUrl` is given (the inherited DATABASE_URL is never used).
 */
export async function spawnServer(options: {
  dataDir: string;
  databaseUrl?: string;
  /** More environment, e.g. SUPERVISION_INTERVAL_MS. */
  env?: Record<string, string>;
}): Promise<ServerChild> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      DATA_DIR: options.dataDir,
      DIST_DIR: resolve(options.dataDir, 'no-dist'),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://localhost:${port}`;
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', () => {
      if (output.includes(url)) {
        clearTimeout(timer);
        ready();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
