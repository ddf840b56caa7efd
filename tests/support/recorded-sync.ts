/**
 * Simulated devices that sync over real HTTP with a server process whose URL may change (a restart
 * picks a new port), recording every push request they send and the results they saw acknowledged.
 */
import type { Kysely } from 'kysely';
import { readableKinds } from '../../src/domain/access-rules';
import { type LoginResponse, loginResponseSchema, type MutationResult } from '../../src/domain/protocol';
import type { Database } from '../../src/server/db/schema';
import { resolveTracks } from '../../src/server/db/track-store';
import type { newDevice } from './sync-devices';
import { TEST_BASE_URL } from './test-server';

export interface SentPush {
  server: string;
  mutationIds: string[];
  /** The results the device received; undefined when the request failed (server killed). */
  results?: MutationResult[];
}

export interface PushRecorder {
  pushes: SentPush[];
  /** A `fetch` that sends the devices' requests to `target()` and records pushes. */
  fetch: typeof fetch;
}

/**
 * `onPush(n, answer)` sees the n-th push (1-based) once it is sent and returns what the device gets:
 * the answer, or a failure (a crash before or after the commit).
 */
export function recordPushes(
  target: () => string,
  onPush: (n: number, answer: Promise<Response>) => Promise<Response> = (_n, answer) => answer,
): PushRecorder {
  const pushes: SentPush[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const server = target();
    const url = String(input).replace(TEST_BASE_URL, server);
    if (!url.includes('/api/sync/push')) return fetch(url, init);
    const body = JSON.parse(String(init?.body)) as { mutations: { id: string }[] };
    const sent: SentPush = { server, mutationIds: body.mutations.map((m) => m.id) };
    pushes.push(sent);
    const response = await onPush(pushes.length, fetch(url, init));
    if (response.ok) {
      const json = (await response.clone().json()) as { results: MutationResult[] };
      sent.results = json.results;
    }
    return response;
  };
  return { pushes, fetch: fetchImpl };
}

export async function loginOver(url: string, username: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo123456' }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return loginResponseSchema.parse(await response.json());
}

export type RecordingDevice = ReturnType<typeof newDevice>;

const ACKNOWLEDGED = new Set(['applied', 'merged', 'duplicate']);

/** Mutation ids some device saw acknowledged. */
export function acknowledgedIds(pushes: readonly SentPush[]): string[] {
  return pushes.flatMap((push) =>
    (push.results ?? []).filter((r) => ACKNOWLEDGED.has(r.status)).map((r) => r.id),
  );
}

/** Ids in the server's mutations table, with how often each occurs. */
export async function serverMutationIds(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('mutations').select('id').execute();
  const seen = new Map<string, number>();
  for (const { id } of rows) seen.set(id, (seen.get(id) ?? 0) + 1);
  return seen;
}

/**
 * Every record on each device is on the server exactly once, at the same rev with the same body,
 * and every server record in the device's grids is on the device (the pull cursor skipped nothing).
 */
export async function expectDevicesAgreeWithServer(
  db: Kysely<Database>,
  devices: readonly RecordingDevice[],
  expect: (
    actual: unknown,
    message?: string,
  ) => { toEqual(expected: unknown): void; toBe(expected: unknown): void },
): Promise<void> {
  const stored = await db.selectFrom('records').select(['id', 'rev', 'body', 'grid_id', 'kind']).execute();
  // A stored body names its track's segments (track-store.ts): compared as the server serves it.
  const resolved = await resolveTracks(
    db,
    stored.map((row) => ({ id: row.id, body: JSON.parse(row.body) as unknown })),
  );
  const rows = stored.map((row, i) => ({ ...row, body: JSON.stringify(resolved[i]?.body) }));
  const byId = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  for (const device of devices) {
    expect(await device.db.outbox.count(), 'outbox empty').toBe(0);
    const local = await device.db.records.toArray();
    for (const { record } of local) {
      const onServer = byId.get(record.id) ?? [];
      expect(onServer.length, `record ${record.id} on the server once`).toBe(1);
      expect(Number(onServer[0]?.rev), `rev of ${record.id}`).toBe(record.rev);
      expect(JSON.parse(onServer[0]?.body ?? 'null'), `body of ${record.id}`).toEqual(record.body);
    }
    const localIds = new Set(local.map((l) => l.record.id));
    const kinds: readonly string[] = readableKinds(device.who.user.role);
    const inScope = rows.filter(
      (row) => device.who.user.scope.gridIds.includes(row.grid_id) && kinds.includes(row.kind),
    );
    expect(
      inScope.filter((row) => !localIds.has(row.id)).map((row) => row.id),
      'server records in scope missing on the device',
    ).toEqual([]);
  }
}
