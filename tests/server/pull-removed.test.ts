/**
 * `removed` names every record that left the caller's read scope since the cursor, whatever moved
 * it: a grid change as much as a change of the facts the role's rules read.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { sampleDispute } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  startTestServer,
  type TestServer,
} from '../support/test-server';

describe.each(DIALECTS)('pull removed (%s)', (dialect) => {
  let server: TestServer;
  let grid01: LoginResponse;
  let grid02: LoginResponse;
  let leader: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [grid01, grid02, leader] = (await Promise.all(
      ['hb-grid01', 'hb-grid02', 'hb-leader'].map((username) => server.login(username)),
    )) as [LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  /** Pulls every page after `cursor`; answers the changes, the removed ids and the last cursor. */
  async function pullAll(who: LoginResponse, clientId: string, cursor?: string, limit = 1000) {
    const changes: GridRecord[] = [];
    const removed: string[] = [];
    let next = cursor;
    for (;;) {
      const reply = await server.pull(who.token, clientId, {
        limit: String(limit),
        ...(next ? { cursor: next } : {}),
      });
      expect(reply.status).toBe(200);
      const page = pullResponseSchema.parse(reply.body);
      changes.push(...page.changes);
      removed.push(...(page.removed ?? []));
      next = page.cursor;
      if (!page.hasMore) return { changes, removed, cursor: next };
    }
  }

  async function push(who: LoginResponse, record: GridRecord, baseRev = 0): Promise<GridRecord> {
    const reply = await server.push(who.token, randomUUID(), [mutation(record, { baseRev })]);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  const moved = (record: GridRecord, gridId: string): GridRecord => ({ ...record, gridId });

  it('names a record the 网格长 moved to another grid in the old grid worker’s next pull', async () => {
    const record = await push(grid01, sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    const phone = randomUUID();
    const before = await pullAll(grid01, phone);
    expect(before.changes.map((r) => r.id)).toContain(record.id);

    await push(leader, moved(record, HUBIN_GRID_2), record.rev);
    const next = await pullAll(grid01, phone, before.cursor);
    expect(next.removed).toEqual([record.id]);
    expect(next.changes).toEqual([]);
    // The new grid's worker gets it as a change.
    expect((await pullAll(grid02, randomUUID())).changes.map((r) => r.id)).toContain(record.id);
  });

  it('still names it after later edits in the new grid, also across small pages', async () => {
    const record = await push(grid01, sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    const phone = randomUUID();
    const before = await pullAll(grid01, phone);
    const away = await push(leader, moved(record, HUBIN_GRID_2), record.rev);
    const edited = { ...away, body: { ...away.body, summary: '第二网格接手后补充' } };
    await push(grid02, edited as GridRecord, away.rev);
    // Some changes of grid01's own meanwhile, so the pages have more than the removal on them.
    for (let i = 0; i < 3; i++) await push(grid01, sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id));

    const next = await pullAll(grid01, phone, before.cursor, 1);
    expect(next.removed).toEqual([record.id]);
    expect(next.changes.map((r) => r.id)).not.toContain(record.id);
    expect(next.changes).toHaveLength(3);
  });

  it('sends the record again, not a removal, once it is moved back', async () => {
    const record = await push(grid01, sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    const phone = randomUUID();
    const before = await pullAll(grid01, phone);
    const away = await push(leader, moved(record, HUBIN_GRID_2), record.rev);
    const back = await push(leader, moved(away, HUBIN_GRID_1), away.rev);
    const next = await pullAll(grid01, phone, before.cursor);
    expect(next.removed).toEqual([]);
    expect(next.changes).toEqual([expect.objectContaining({ id: record.id, rev: back.rev })]);
  });

  it('names nothing to a caller whose scope still holds the record', async () => {
    const record = await push(grid01, sampleDispute(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    const phone = randomUUID();
    const before = await pullAll(leader, phone);
    await push(leader, moved(record, HUBIN_GRID_2), record.rev);
    const next = await pullAll(leader, phone, before.cursor);
    expect(next.removed).toEqual([]);
    expect(next.changes.map((r) => r.id)).toEqual([record.id]);
  });
});
