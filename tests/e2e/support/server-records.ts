/** What the server holds, read through its own API as a user of the scope (not through the app). */
import { type LoginResponse, loginResponseSchema, pullResponseSchema } from '../../../src/domain/protocol';
import type { GridRecord } from '../../../src/domain/record-envelope';
import { DEMO_PASSWORD } from './app-actions';

/** Signs a demo account in through the API (not the app). */
export async function apiLogin(url: string, username: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return loginResponseSchema.parse(await response.json());
}

/** Every record `username` may see, pulled page by page from the start. */
export async function serverRecords(url: string, username = 'hb-leader'): Promise<GridRecord[]> {
  const { token } = await apiLogin(url, username);
  const records: GridRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ clientId: crypto.randomUUID(), limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${url}/api/sync/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = pullResponseSchema.parse(await response.json());
    records.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return records;
  }
}

/** How many patrol logs on the server carry exactly this content. */
export async function patrolCopies(url: string, content: string): Promise<number> {
  const records = await serverRecords(url);
  return records.filter((r) => r.kind === 'patrol' && r.body.content === content).length;
}

/** Pushes one new record through the API with `token`, as a phone that synced it; throws unless applied. */
export async function pushRecord(url: string, token: string, record: GridRecord): Promise<void> {
  const response = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      protocol: 1,
      clientId: crypto.randomUUID(),
      mutations: [{ id: crypto.randomUUID(), seq: 1, op: 'upsert', baseRev: 0, record }],
    }),
  });
  const results = ((await response.json()) as { results: { status: string }[] }).results;
  if (results[0]?.status !== 'applied') throw new Error(`push answered ${JSON.stringify(results[0])}`);
}
