/**
 * A simulated phone for the server load bench: signed in, with its own clientId, speaking the wire
 * protocol with plain fetch (the device code path over Dexie is benched in bench/device.ts). Every
 * request takes the next server URL in turn, like a round-robin load balancer in front of them.
 */
import { DEFAULT_PULL_LIMIT, type PullResponse, type PushResponse } from '../src/domain/protocol';
import type { GridRecord } from '../src/domain/record-envelope';
import { newRecord } from '../src/sync/record-factory';
import { uuidV7 } from '../src/sync/uuid-v7';
import { apiLogin } from '../tests/e2e/support/server-records';
import { samplePatrol } from '../tests/support/sample-records';
import type { LoadLog } from './load-figures';

const TRACK_POINTS = 20;
/** A pull that pages on longer than this is stuck, not slow. */
const MAX_PULL_PAGES = 100;

export interface LoadDevice {
  name: string;
  token: string;
  userId: string;
  gridId: string;
  clientId: string;
  seq: number;
  cursor: string | undefined;
  turn: number;
}

export async function signInDevice(
  urls: readonly string[],
  username: string,
  index: number,
): Promise<LoadDevice> {
  const who = await apiLogin(urls[index % urls.length] ?? '', username);
  const gridId = who.user.scope.gridIds[0];
  if (!gridId) throw new Error(`${username} has no grid`);
  return {
    name: `${username}#${index}`,
    token: who.token,
    userId: who.user.id,
    gridId,
    clientId: crypto.randomUUID(),
    seq: 0,
    cursor: undefined,
    turn: index,
  };
}

/** A submitted patrol log with a short walked track, as a phone would push it. */
export function loadPatrol(
  device: Pick<LoadDevice, 'name' | 'seq' | 'gridId' | 'userId'>,
  now = new Date(),
): GridRecord {
  const startMs = now.getTime() - TRACK_POINTS * 15_000;
  const points = Array.from({ length: TRACK_POINTS }, (_, i): [number, number, number, number] => [
    118.75 + i * 0.0001,
    32.22 + (i % 5) * 0.00005,
    startMs + i * 15_000,
    8 + (i % 4),
  ]);
  const body = {
    ...samplePatrol(uuidV7()).body,
    startedAt: new Date(startMs).toISOString(),
    endedAt: now.toISOString(),
    content: `${device.name} 第${device.seq + 1}条巡查:走访楼栋,发放反诈宣传资料`,
    track: [{ id: uuidV7(), points }],
  };
  return newRecord('patrol', { gridId: device.gridId, body, userId: device.userId, now });
}

function nextUrl(device: LoadDevice, urls: readonly string[]): string {
  const url = urls[device.turn % urls.length] ?? '';
  device.turn += 1;
  return url;
}

/** Sends one request and records its latency (response read in full); undefined on any failure. */
async function timed<T>(samples: number[], log: LoadLog, what: string, send: () => Promise<Response>) {
  const start = performance.now();
  try {
    const response = await send();
    const text = await response.text();
    samples.push(performance.now() - start);
    if (response.status !== 200) {
      log.errors.push(`${what}: HTTP ${response.status} ${text.slice(0, 200)}`);
      return undefined;
    }
    return JSON.parse(text) as T;
  } catch (error) {
    log.errors.push(`${what}: ${String(error)}`);
    return undefined;
  }
}

/** Pushes `count` new patrols in one request; every one must come back `applied`. */
export async function pushBatch(
  device: LoadDevice,
  urls: readonly string[],
  log: LoadLog,
  count: number,
): Promise<void> {
  const records = Array.from({ length: count }, () => loadPatrol(device));
  const mutations = records.map((record) => ({
    id: uuidV7(),
    seq: ++device.seq,
    op: 'upsert' as const,
    baseRev: 0,
    record,
  }));
  const url = nextUrl(device, urls);
  const body = await timed<PushResponse>(log.pushMs, log, `push ${device.name}`, () =>
    fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: device.clientId, mutations }),
    }),
  );
  if (!body) return;
  if (body.results.length !== mutations.length) {
    log.errors.push(`push ${device.name}: ${body.results.length} results for ${mutations.length} mutations`);
  }
  body.results.forEach((result, i) => {
    if (result.status === 'applied' && result.id === mutations[i]?.id) {
      log.appliedIds.push(records[i]?.id ?? '');
    } else {
      const reason = result.error
        ? `${result.error.code} ${result.error.message}`
        : result.conflicts?.join(',');
      log.errors.push(`push ${device.name}: ${result.status} ${reason ?? ''}`);
    }
  });
}

/** Pulls page after page until the server has nothing more for this device. */
export async function pullToEnd(device: LoadDevice, urls: readonly string[], log: LoadLog): Promise<void> {
  for (let page = 0; page < MAX_PULL_PAGES; page++) {
    const query = new URLSearchParams({ clientId: device.clientId, limit: String(DEFAULT_PULL_LIMIT) });
    if (device.cursor) query.set('cursor', device.cursor);
    const url = nextUrl(device, urls);
    const body = await timed<PullResponse>(log.pullMs, log, `pull ${device.name}`, () =>
      fetch(`${url}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${device.token}` } }),
    );
    if (!body) return;
    if (body.reset) log.errors.push(`pull ${device.name}: the server reset the cursor`);
    device.cursor = body.cursor;
    log.pulledChanges += body.changes.length;
    if (!body.hasMore) return;
  }
  log.errors.push(`pull ${device.name}: still more after ${MAX_PULL_PAGES} pages`);
}
