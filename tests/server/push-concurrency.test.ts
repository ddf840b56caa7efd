import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

/** On PostgreSQL these run truly in parallel on the connection pool; on SQLite they interleave. */
describe.each(DIALECTS)('concurrent pushes (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  const clientId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
  });
  afterAll(() => server.close());

  const patrol = () => samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);

  it('applies exactly one of several edits from the same base; the others conflict', async () => {
    const record = patrol();
    await server.push(worker.token, clientId, [mutation(record)]);
    const edits = Array.from({ length: 5 }, (_, i) => ({
      ...record,
      body: { ...record.body, content: `并发修改${i}` },
    }));
    const replies = await Promise.all(
      edits.map((edit) => server.push(worker.token, clientId, [mutation(edit, { baseRev: 1 })])),
    );
    const statuses = replies.map((reply) => reply.body.results[0].status).sort();
    expect(statuses).toEqual(['applied', 'conflict', 'conflict', 'conflict', 'conflict']);
    const row = await server.db
      .selectFrom('records')
      .select('rev')
      .where('id', '=', record.id)
      .executeTakeFirst();
    expect(row?.rev).toBe(2);
  });

  it('applies a mutation sent twice at once only once; the other copy is a duplicate', async () => {
    const create = mutation(patrol());
    const replies = await Promise.all([1, 2, 3].map(() => server.push(worker.token, clientId, [create])));
    const statuses = replies.map((reply) => reply.body.results[0].status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(new Set(replies.map((reply) => reply.body.results[0].rev))).toEqual(new Set([1]));
  });

  it('never lets a pull cursor skip a change while pushes from many clients commit at once', async () => {
    const writers = 4;
    const pushesEach = 15;
    const created = new Set<string>();
    let writing = true;
    const write = async () => {
      const writerClient = randomUUID();
      for (let n = 0; n < pushesEach; n++) {
        const records = [patrol(), patrol(), patrol()];
        for (const record of records) created.add(record.id);
        await server.push(
          worker.token,
          writerClient,
          records.map((record) => mutation(record)),
        );
      }
    };
    const seen = new Set<string>();
    const readerClient = randomUUID();
    let cursor: string | undefined;
    const pullOnce = async () => {
      const reply = await server.pull(worker.token, readerClient, {
        limit: '7',
        ...(cursor ? { cursor } : {}),
      });
      for (const change of reply.body.changes) seen.add(change.id);
      cursor = reply.body.cursor;
      return reply.body.hasMore as boolean;
    };
    const read = async () => {
      while (writing) await pullOnce();
    };
    const reader = read();
    await Promise.all(Array.from({ length: writers }, write));
    writing = false;
    await reader;
    while (await pullOnce());
    const missed = [...created].filter((id) => !seen.has(id));
    expect(created.size).toBe(writers * pushesEach * 3);
    expect(missed).toEqual([]);
  });
});
