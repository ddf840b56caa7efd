import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

describe.each(DIALECTS)('pull (%s)', (dialect) => {
  let server: TestServer;
  let grid01: LoginResponse;
  let grid02: LoginResponse;
  let police: LoginResponse;
  let tieqiao: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [grid01, grid02, police, tieqiao] = (await Promise.all(
      ['hb-grid01', 'hb-grid02', 'hb-police', 'tq-grid01'].map((username) => server.login(username)),
    )) as [LoginResponse, LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  /** Pulls every page from the start; answers all changes and the last reply. */
  async function pullAll(who: LoginResponse, clientId: string, limit = 1000) {
    const changes: GridRecord[] = [];
    let cursor: string | undefined;
    for (;;) {
      const reply = await server.pull(who.token, clientId, {
        limit: String(limit),
        ...(cursor ? { cursor } : {}),
      });
      expect(reply.status).toBe(200);
      const body = pullResponseSchema.parse(reply.body);
      changes.push(...body.changes);
      cursor = body.cursor;
      if (!body.hasMore) return { changes, last: body };
    }
  }

  async function create(who: LoginResponse, gridId: string): Promise<GridRecord> {
    const record = samplePatrol(randomUUID(), gridId, who.user.id);
    const reply = await server.push(who.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  it('sends only records in the caller’s scope', async () => {
    const mine = await create(grid01, HUBIN_GRID_1);
    const neighbours = await create(grid02, HUBIN_GRID_2);
    const elsewhere = await create(tieqiao, TIEQIAO_GRID_1);

    const grid01Ids = (await pullAll(grid01, randomUUID())).changes.map((r) => r.id);
    expect(grid01Ids).toContain(mine.id);
    expect(grid01Ids).not.toContain(neighbours.id);
    expect(grid01Ids).not.toContain(elsewhere.id);

    const policeChanges = (await pullAll(police, randomUUID())).changes;
    expect(policeChanges.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, neighbours.id]));
    expect(policeChanges.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(policeChanges.every((r) => police.user.scope.gridIds.includes(r.gridId))).toBe(true);
  });

  it('pages with a small limit, hasMore until the end, each change once', async () => {
    const clientId = randomUUID();
    const all = await pullAll(police, clientId);
    const paged = await pullAll(police, clientId, 2);
    expect(paged.changes.map((r) => r.id)).toEqual(all.changes.map((r) => r.id));
    expect(new Set(paged.changes.map((r) => r.id)).size).toBe(paged.changes.length);

    const first = await server.pull(police.token, clientId, { limit: '2' });
    expect(first.body.changes).toHaveLength(2);
    expect(first.body.hasMore).toBe(true);
  });

  it('continues from the cursor: only changes made since, tombstones included', async () => {
    const clientId = randomUUID();
    const { last } = await pullAll(grid01, clientId);
    const idle = await server.pull(grid01.token, clientId, { cursor: last.cursor });
    expect(idle.body).toMatchObject({ changes: [], hasMore: false, cursor: last.cursor });

    const record = await create(grid01, HUBIN_GRID_1);
    await server.push(grid01.token, randomUUID(), [mutation(record, { op: 'delete', baseRev: 1 })]);
    const next = await server.pull(grid01.token, clientId, { cursor: last.cursor });
    expect(next.body.changes).toEqual([expect.objectContaining({ id: record.id, rev: 2, deleted: true })]);
    expect(next.body.cursor).not.toBe(last.cursor);
    expect(next.body.reset).toBeUndefined();
  });

  it('reports the highest applied seq of the client as ackedSeq, 0 for a new client', async () => {
    const clientId = randomUUID();
    expect((await server.pull(grid01.token, clientId)).body.ackedSeq).toBe(0);
    const first = mutation(samplePatrol(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    const second = mutation(samplePatrol(randomUUID(), HUBIN_GRID_1, grid01.user.id));
    await server.push(grid01.token, clientId, [first, second]);
    expect((await server.pull(grid01.token, clientId)).body.ackedSeq).toBe(second.seq);
    // An older mutation retried late never lowers it.
    await server.push(grid01.token, clientId, [
      { ...first, id: randomUUID(), record: { ...first.record, id: randomUUID() } },
    ]);
    expect((await server.pull(grid01.token, clientId)).body.ackedSeq).toBe(second.seq);
  });

  it('answers reset and starts over when the caller’s scope changed since the cursor', async () => {
    const clientId = randomUUID();
    const { last } = await pullAll(grid01, clientId);
    const neighbours = await create(grid02, HUBIN_GRID_2);
    const userId = grid01.user.id;
    await server.db
      .insertInto('user_assignments')
      .values({ user_id: userId, org_id: HUBIN_GRID_2 })
      .execute();
    try {
      const reply = await server.pull(grid01.token, clientId, { cursor: last.cursor });
      expect(reply.body.reset).toBe(true);
      expect(reply.body.changes.map((r: GridRecord) => r.id)).toContain(neighbours.id);
      expect(reply.body.changes.some((r: GridRecord) => r.gridId === HUBIN_GRID_1)).toBe(true);
    } finally {
      await server.db
        .deleteFrom('user_assignments')
        .where('user_id', '=', userId)
        .where('org_id', '=', HUBIN_GRID_2)
        .execute();
    }
  });

  it('answers reset from the start for a malformed cursor', async () => {
    const reply = await server.pull(grid01.token, randomUUID(), { cursor: 'not-a-cursor' });
    expect(reply.status).toBe(200);
    expect(reply.body.reset).toBe(true);
    expect(reply.body.changes.length).toBeGreaterThan(0);
  });

  it('answers reset for a cursor past the server’s last change, as after a restore from backup', async () => {
    const clientId = randomUUID();
    const { changes, last } = await pullAll(grid01, clientId);
    const [, fingerprint] = last.cursor.split('.');
    const reply = await server.pull(grid01.token, clientId, { cursor: `999999999.${fingerprint}` });
    expect(reply.body.reset).toBe(true);
    expect(reply.body.changes.map((r: GridRecord) => r.id)).toEqual(changes.map((r) => r.id));
  });

  it('answers 400 for a missing clientId, an unknown parameter or a limit above 1000', async () => {
    expect((await server.call('GET', '/api/sync/pull', { token: grid01.token })).status).toBe(400);
    const clientId = randomUUID();
    expect((await server.pull(grid01.token, clientId, { since: '0' })).status).toBe(400);
    const tooMany = await server.pull(grid01.token, clientId, { limit: '1001' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues).toEqual([expect.objectContaining({ path: 'limit' })]);
  });

  it('answers 401 without a token and 403 for another user’s clientId', async () => {
    const clientId = randomUUID();
    await server.pull(grid01.token, clientId);
    expect((await server.call('GET', `/api/sync/pull?clientId=${clientId}`)).status).toBe(401);
    expect((await server.pull(grid02.token, clientId)).status).toBe(403);
  });
});
