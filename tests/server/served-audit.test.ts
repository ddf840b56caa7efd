/**
 * Reads of unmasked personal data are traceable (DOMAIN.md §6.2 item 5): every pull page that
 * serves records leaves one audit row (user, device, time, the record ids), and the record's
 * history lists who was served it when.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { sampleDispute } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { adminRunner, lent } from './admin-runner';

describe.each(DIALECTS)('served records audit (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  let police: LoginResponse;
  let tieqiao: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [worker, police, tieqiao] = (await Promise.all(
      ['hb-grid01', 'hb-police', 'tq-grid01'].map((username) => server.login(username)),
    )) as [LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  async function history(recordId: string): Promise<string[]> {
    const { code, out, err } = await adminRunner(
      async () => lent(server.db),
      () => new Date(),
    )('history', '--record', recordId);
    expect(err).toBe('');
    expect(code).toBe(0);
    return out.split('\n');
  }

  async function servedRows() {
    return server.db.selectFrom('audit_log').selectAll().where('action', '=', 'serve').execute();
  }

  async function create(): Promise<GridRecord> {
    const record = sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const reply = await server.push(worker.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  it('writes one audit row per pull page naming the records it served, none for an empty page', async () => {
    const before = (await servedRows()).length;
    const phone = randomUUID();
    const first = await server.pull(police.token, phone, { limit: '3' });
    const page = pullResponseSchema.parse(first.body);
    expect(page.changes).toHaveLength(3);
    const rows = await servedRows();
    expect(rows).toHaveLength(before + 1);
    const row = rows.find((r) => r.client_id === phone);
    expect(row).toMatchObject({ user_id: police.user.id, at: server.clock.now.toISOString() });
    expect(JSON.parse(row?.record_ids ?? '[]')).toEqual(page.changes.map((r) => r.id));

    // Nothing served (a 泰山 worker pulls past everything of theirs), nothing written.
    const idle = randomUUID();
    let cursor: string | undefined;
    for (;;) {
      const reply = await server.pull(tieqiao.token, idle, { limit: '500', ...(cursor ? { cursor } : {}) });
      cursor = reply.body.cursor;
      if (!reply.body.hasMore) break;
    }
    const served = (await servedRows()).length;
    await server.pull(tieqiao.token, idle, { cursor: cursor ?? '' });
    expect((await servedRows()).length).toBe(served);
  });

  it('lets `history --record` tell who received the record and when', async () => {
    const record = await create();
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    const at = server.clock.now.toISOString();
    const phone = randomUUID();
    let cursor: string | undefined;
    for (;;) {
      const reply = await server.pull(police.token, phone, { limit: '500', ...(cursor ? { cursor } : {}) });
      cursor = reply.body.cursor;
      if (!reply.body.hasMore) break;
    }
    const lines = await history(record.id);
    const served = lines.filter((line) => line.includes('served to'));
    expect(served).toEqual([expect.stringContaining(`served to hb-police at ${at}`)]);
    expect(served[0]).toContain(`device ${phone.slice(0, 8)}`);
    // The 泰山 worker was never served it.
    expect(lines.some((line) => line.includes('tq-grid01'))).toBe(false);
  });
});
