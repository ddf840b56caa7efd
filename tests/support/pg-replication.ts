/**
 * Two throwaway PostgreSQL 15 clusters in streaming replication, the standby synchronous, for the
 * failover test. Both run as the `postgres` user (initdb refuses root; `.ci/run` runs as root)
 * on free ports under one temp dir, and `stop()` removes everything.
 *
 *   primary :P ◀──── replication link (a TCP proxy here, so a test can stall it) ◀──── standby :S
 *
 * The standby streams through a proxy in this process: `holdReplication()` stops WAL reaching the
 * standby, as a slow or broken network would. With synchronous replication a commit then waits
 * (it is not acknowledged); without it, it is acknowledged and lost if the primary dies — which is
 * what the failover test must be able to tell apart.
 *
 * `synchronous_commit = on`, not `remote_apply`: a commit is acknowledged once the standby has
 * flushed its WAL, which is what survives the primary's death (promotion replays everything
 * received). `remote_apply` would also make the commit visible to reads on the standby, and the
 * server never reads from a standby, so it would only add latency.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../e2e/support/server-process';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const STANDBY_NAME = 'gridkeeper_standby';

/**
 * Whether this machine can run the clusters: the binaries, and a postgres user when we are root.
 * Under CI they must (`.ci/run` installs PostgreSQL), so a missing piece is an error there.
 */
export function replicationAvailable(): boolean {
  const missing = !existsSync(join(PG_BIN, 'initdb'))
    ? `${PG_BIN}/initdb is missing (set PG_BIN)`
    : process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0
      ? 'running as root without a postgres user'
      : undefined;
  if (missing && process.env.CI) throw new Error(`CI=true but the failover test cannot run: ${missing}`);
  return missing === undefined;
}

export interface ReplicatedPostgres {
  primaryPort: number;
  standbyPort: number;
  /** postgres://…@primary,standby/postgres?target_session_attrs=read-write */
  multiHostUrl: string;
  urlOf(port: number): string;
  /** Stops WAL from reaching the standby (the link stays open, nothing flows). */
  holdReplication(): void;
  /** SIGKILLs the primary's postmaster and its children, as when its machine is lost. */
  killPrimary(): void;
  /** `pg_ctl promote`: the standby leaves recovery and takes writes. */
  promoteStandby(): void;
  stop(): Promise<void>;
}

export interface ReplicationOptions {
  /** On by default; off only to show that the failover test catches the acknowledged writes lost. */
  synchronous?: boolean;
}

export async function startReplicatedPostgres(options: ReplicationOptions = {}): Promise<ReplicatedPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-replication-'));
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    owner = { uid: id('-u'), gid: id('-g') };
    chownSync(dir, owner.uid, owner.gid);
  }
  const pgCommand = (command: string, args: string[]) => {
    const argv = [join(PG_BIN, command), ...args];
    return asRoot
      ? spawnSync('su', ['postgres', '-c', argv.map(shellQuote).join(' ')], { encoding: 'utf8' })
      : spawnSync(argv[0] ?? '', argv.slice(1), { encoding: 'utf8' });
  };
  const run = (command: string, ...args: string[]) => {
    const result = pgCommand(command, args);
    if (result.status !== 0) {
      throw new Error(`${command} failed (${result.status}): ${result.stderr}${result.stdout}`);
    }
  };
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primaryDir = join(dir, 'primary');
  const standbyDir = join(dir, 'standby');
  const started: string[] = [];
  const proxy = await replicationProxy(primaryPort);
  const urlOf = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

  const stop = async () => {
    proxy.cut();
    await proxy.close();
    for (const data of started) pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run('initdb', '-D', primaryDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8');
    // fsync=off: a SIGKILLed process leaves its writes in the OS cache, so durability across the
    // kill is the same, and the busy test machine is spared the flushes.
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      settings({
        port: primaryPort,
        listen_addresses: '127.0.0.1',
        unix_socket_directories: dir,
        fsync: 'off',
        wal_level: 'replica',
        max_wal_senders: 4,
        synchronous_standby_names: options.synchronous === false ? '' : STANDBY_NAME,
        synchronous_commit: 'on',
      }),
    );
    run('pg_ctl', '-D', primaryDir, '-l', join(dir, 'primary.log'), '-w', 'start');
    started.push(primaryDir);

    // Without -R: it would put a primary_conninfo straight to the primary in postgresql.auto.conf,
    // which is read last and would bypass the proxy.
    run(
      'pg_basebackup',
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-X',
      'stream',
    );
    const signal = join(standbyDir, 'standby.signal');
    writeFileSync(signal, '');
    if (owner) chownSync(signal, owner.uid, owner.gid);
    // The copy carries the primary's postgresql.conf; later lines win. Above all the promoted
    // standby must not wait for a synchronous standby of its own, or its first commit would hang.
    appendFileSync(
      join(standbyDir, 'postgresql.conf'),
      settings({
        port: standbyPort,
        synchronous_standby_names: '',
        hot_standby: 'on',
        primary_conninfo: `host=127.0.0.1 port=${proxy.port} user=postgres application_name=${STANDBY_NAME}`,
      }),
    );
    run('pg_ctl', '-D', standbyDir, '-l', join(dir, 'standby.log'), '-w', 'start');
    started.push(standbyDir);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    primaryPort,
    standbyPort,
    multiHostUrl: `postgres://postgres@127.0.0.1:${primaryPort},127.0.0.1:${standbyPort}/postgres?target_session_attrs=read-write`,
    urlOf,
    holdReplication: () => proxy.hold(),
    killPrimary() {
      const pid = Number(readFileSync(join(primaryDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = childPids(pid);
      process.kill(pid, 'SIGKILL');
      for (const child of children) killQuietly(child);
      if (started.includes(primaryDir)) started.splice(started.indexOf(primaryDir), 1);
      // Whatever the proxy still holds for the standby dies with the primary's machine.
      proxy.cut();
    },
    promoteStandby: () => run('pg_ctl', '-D', standbyDir, '-w', 'promote'),
    stop,
  };
}

/** Resolves once the standby streams from the primary and is its synchronous standby. */
export async function waitForSyncStandby(
  cluster: ReplicatedPostgres,
  expected: 'sync' | 'async',
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: cluster.urlOf(cluster.primaryPort) });
    await client.connect();
    try {
      const { rows } = await client.query<{ sync_state: string }>(
        'SELECT sync_state FROM pg_stat_replication WHERE application_name = $1',
        [STANDBY_NAME],
      );
      if (rows[0]?.sync_state === expected) return;
    } finally {
      await client.end();
    }
    if (Date.now() > deadline) throw new Error(`the standby never became ${expected}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function settings(values: Record<string, string | number>): string {
  const lines = Object.entries(values).map(
    ([key, value]) => `${key} = '${String(value).replaceAll("'", "''")}'`,
  );
  return `\n# gridkeeper replication test\n${lines.join('\n')}\n`;
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: the postmaster's death took it.
  }
}

interface ReplicationProxy {
  port: number;
  hold(): void;
  cut(): void;
  close(): Promise<void>;
}

/** A TCP relay from the standby to the primary that can be stalled (hold) or severed (cut). */
async function replicationProxy(primaryPort: number): Promise<ReplicationProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let held = false;
  let severed = false;
  const server: Server = createServer((standbySide) => {
    if (severed) {
      standbySide.destroy();
      return;
    }
    const primarySide = tcpConnect(primaryPort, '127.0.0.1');
    for (const socket of [standbySide, primarySide]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        standbySide.destroy();
        primarySide.destroy();
      });
    }
    standbySide.pipe(primarySide);
    primarySide.pipe(standbySide);
    if (held) {
      primarySide.pause();
      standbySide.pause();
    }
  });
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  return {
    port,
    hold() {
      held = true;
      // Both ways: no WAL in, no flush confirmations out. What was already read stays unsent.
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    cut() {
      severed = true;
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
