import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
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
import { addAccount, STREET_ACCOUNT_PASSWORD } from './street-accounts';

const GAOXIN_GRID_1 = 'yanjiang-gaoxin-01';

/**
 * On PostgreSQL these run truly in parallel on the connection pool (pushes to different streets
 * commit concurrently); on SQLite they interleave.
 */
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

  it('never lets a pull cursor skip or repeat a change while many clients push to many streets at once', async () => {
    // Writers in three streets (two clients each), readers of one grid, one street and three streets.
    await addAccount(server.db, 'gx-writer', 'fullTimeGridWorker', [GAOXIN_GRID_1]);
    await addAccount(server.db, 'three-streets', 'streetAdmin', ['dachang', 'taishan', 'yanjiang']);
    const gaoxin = await server.login('gx-writer', STREET_ACCOUNT_PASSWORD);
    const tieqiao = await server.login('tq-grid01');
    const hubin2 = await server.login('hb-grid02');
    const writers = [worker, hubin2, tieqiao, tieqiao, gaoxin, gaoxin].map((who, i) => ({
      who,
      gridId: [HUBIN_GRID_1, HUBIN_GRID_2, TIEQIAO_GRID_1, TIEQIAO_GRID_1, GAOXIN_GRID_1, GAOXIN_GRID_1][
        i
      ] as string,
    }));
    const readers = [
      worker,
      await server.login('dc-admin'),
      tieqiao,
      await server.login('three-streets', STREET_ACCOUNT_PASSWORD),
    ];
    const pushesEach = 8;
    const created = new Map<string, string>();
    let writing = true;
    const write = async ({ who, gridId }: (typeof writers)[number]) => {
      const writerClient = randomUUID();
      for (let n = 0; n < pushesEach; n++) {
        const records = [1, 2, 3].map(() => samplePatrol(randomUUID(), gridId, who.user.id));
        for (const record of records) created.set(record.id, gridId);
        const reply = await server.push(
          who.token,
          writerClient,
          records.map((record) => mutation(record)),
        );
        expect(reply.body.results.map((result: { status: string }) => result.status)).toEqual([
          'applied',
          'applied',
          'applied',
        ]);
      }
    };
    const walk = async (who: LoginResponse) => {
      const readerClient = randomUUID();
      const seen: string[] = [];
      let cursor: string | undefined;
      const pullOnce = async () => {
        const reply = await server.pull(who.token, readerClient, {
          limit: '7',
          ...(cursor ? { cursor } : {}),
        });
        expect(reply.body.reset).toBeUndefined();
        for (const change of reply.body.changes) seen.push(change.id);
        cursor = reply.body.cursor;
        return reply.body.hasMore as boolean;
      };
      while (writing) await pullOnce();
      while (await pullOnce());
      return seen;
    };
    const walks = readers.map(walk);
    await Promise.all(writers.map(write));
    writing = false;
    const seenBy = await Promise.all(walks);

    expect(created.size).toBe(writers.length * pushesEach * 3);
    readers.forEach((reader, i) => {
      const scope = new Set(reader.user.scope.gridIds);
      const expected = [...created].filter(([, gridId]) => scope.has(gridId)).map(([id]) => id);
      const seen = (seenBy[i] ?? []).filter((id) => created.has(id));
      expect(expected.length).toBeGreaterThan(0);
      expect(seen.sort(), reader.user.name).toEqual(expected.sort());
    });
  });
});
