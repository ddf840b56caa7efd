/**
 * A push batch is decided set-based (push-batch.ts): read once, decided in memory in order, written
 * with a few multi-row statements. These check that a batch whose mutations build on each other —
 * the same record created, edited, merged, deleted, restored and moved, ids replayed, photos proven
 * by records the batch itself deletes — answers and stores exactly what the same mutations pushed
 * one request at a time do, and that the number of statements does not grow with the batch.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, MutationOp } from '../../src/domain/protocol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { createApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/schema';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  type Dialect,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

interface Wire {
  id: string;
  seq: number;
  op: MutationOp;
  baseRev: number;
  record: unknown;
}

/** Two servers with the same history: the plan goes to one as one batch, to the other one by one. */
interface Pair {
  batched: TestServer;
  single: TestServer;
  /** hb-police: a second writer of the worker's records (a 网格长 reviews them instead, record-review.test.ts). */
  leader: { batched: LoginResponse; single: LoginResponse };
}

const leaderClient = randomUUID();
const workerClient = randomUUID();
let seq = 0;

function wire(record: PatrolRecord, options: { op?: MutationOp; baseRev?: number; id?: string } = {}): Wire {
  seq += 1;
  return {
    id: options.id ?? randomUUID(),
    seq,
    op: options.op ?? 'upsert',
    baseRev: options.baseRev ?? 0,
    record,
  };
}

function edit(
  record: PatrolRecord,
  body: Partial<PatrolRecord['body']>,
  gridId = record.gridId,
): PatrolRecord {
  return { ...record, gridId, body: { ...record.body, ...body } };
}

async function putPhoto(server: TestServer, token: string, bytes: Uint8Array<ArrayBuffer>) {
  const response = await server.app.request(`/api/photos/${sha256Hex(bytes)}`, {
    method: 'PUT',
    headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
    body: bytes,
  });
  expect(response.status).toBe(201);
}

/** Everything a push writes, in an order and form that does not depend on how it was written. */
async function stateOf(db: Kysely<Database>) {
  const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
  const records = await db.selectFrom('records').selectAll().orderBy('id').execute();
  const revisions = await db
    .selectFrom('record_revisions')
    .selectAll()
    .orderBy('record_id')
    .orderBy('rev')
    .execute();
  const mutations = await db.selectFrom('mutations').selectAll().orderBy('id').execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'user_id', 'client_id', 'action', 'record_id', 'kind', 'before', 'after', 'offline'])
    .where('action', 'in', ['create', 'update', 'merge', 'delete', 'restore'])
    .execute();
  const photoRefs = await db
    .withTables<{
      photo_refs: { sha256: string; record_id: string; author_id: string | null; proven: number };
    }>()
    .selectFrom('photo_refs')
    .selectAll()
    .orderBy('record_id')
    .orderBy('sha256')
    .execute();
  return {
    records: records.map((row) => ({ ...row, change_seq: Number(row.change_seq), body: parse(row.body) })),
    revisions: revisions.map((row) => ({ ...row, envelope: parse(row.envelope) })),
    departures: await db
      .selectFrom('record_departures')
      .selectAll()
      .orderBy('record_id')
      .orderBy('grid_id')
      .execute(),
    mutations: mutations.map((row) => ({ ...row, seq: Number(row.seq), result: parse(row.result) })),
    audit: audit
      .map((row) => ({ ...row, before: parse(row.before), after: parse(row.after) }))
      .sort((a, b) => `${a.record_id}/${a.after?.rev}`.localeCompare(`${b.record_id}/${b.after?.rev}`)),
    photoRefs,
    clients: await db.selectFrom('clients').selectAll().orderBy('id').execute(),
    counter: await db.selectFrom('counters').selectAll().execute(),
  };
}

async function openPair(dialect: Dialect): Promise<Pair> {
  const batched = await startTestServer(dialect);
  const single = await startTestServer(dialect);
  return {
    batched,
    single,
    leader: { batched: await batched.login('hb-police'), single: await single.login('hb-police') },
  };
}

describe.each(DIALECTS)('push: a batch decides as its mutations one by one (%s)', (dialect) => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair(dialect);
  });
  afterAll(async () => {
    await pair.batched.close();
    await pair.single.close();
  });

  /** Sends the same history to both servers, one mutation per request. */
  async function both(who: 'hb-police' | 'hb-grid01', client: string, mutations: Wire[]) {
    for (const server of [pair.batched, pair.single]) {
      const { token } = await server.login(who);
      for (const m of mutations) expect((await server.push(token, client, [m])).status).toBe(200);
    }
  }

  it('answers and stores the same as pushing each mutation alone', async () => {
    const leaderId = pair.leader.batched.user.id;
    const worker = await pair.batched.login('hb-grid01');
    // Photo q is the worker's; g proves it to the leader, who never uploaded it. Photo p is the leader's.
    const q = samplePng(9101);
    const p = samplePng(9102);
    for (const server of [pair.batched, pair.single]) {
      await putPhoto(server, (await server.login('hb-grid01')).token, q);
      await putPhoto(server, (await server.login('hb-police')).token, p);
    }
    const g = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id) };
    g.body.photoIds = [sha256Hex(q)];
    await both('hb-grid01', workerClient, [wire(g)]);
    const b = samplePatrol(randomUUID(), HUBIN_GRID_1, leaderId);
    const c = samplePatrol(randomUUID(), HUBIN_GRID_1, leaderId);
    await both('hb-police', leaderClient, [
      wire(b),
      wire(edit(b, { content: '复查:已整改' }), { baseRev: 1 }),
      wire(c),
    ]);

    const a = samplePatrol(randomUUID(), HUBIN_GRID_1, leaderId);
    a.body.photoIds = [sha256Hex(p)];
    const withQ = () => {
      const record = samplePatrol(randomUUID(), HUBIN_GRID_2, leaderId);
      record.body.photoIds = [sha256Hex(q)];
      return record;
    };
    const [h, i, j] = [withQ(), withQ(), withQ()];
    const createA = wire(a);
    const updateA = wire(edit(a, { content: '第二次修改' }), { baseRev: 1 });
    const plan: Wire[] = [
      createA,
      updateA,
      wire(edit(a, { householdsVisited: 30 }), { baseRev: 1 }), // merged with the edit above: rev 3
      { ...createA }, // the same id again: duplicate
      wire(edit(a, { content: '冲突的修改' }), { baseRev: 1 }), // content changed since rev 1: conflict
      wire(edit(b, { householdsVisited: 7 }), { baseRev: 1 }), // merged against a revision stored before
      wire(h), // q proven through g
      wire(g, { op: 'delete', baseRev: 1 }),
      wire(i), // proven through h, written earlier in this batch
      wire(h, { op: 'delete', baseRev: 1 }),
      wire(i, { op: 'delete', baseRev: 1 }),
      wire(j), // nothing live proves q any more: pending
      wire(a, { op: 'delete', baseRev: 3 }), // rev 4, erasing a's personal data everywhere
      { ...updateA }, // replayed after the delete: the erased record
      wire(edit(a, { content: '恢复' }), { baseRev: 4 }), // restore: rev 5
      // Made on rev 2: against rev 2 as kept, erased by the delete, its content collides (unerased, it would merge).
      wire(edit(a, { content: '第二次修改', householdsVisited: 40 }), { baseRev: 2 }),
      wire(edit(c, {}, HUBIN_GRID_2), { baseRev: 1 }), // moved away…
      wire(edit(c, { content: '移回' }, HUBIN_GRID_1), { baseRev: 2 }), // …and back
      wire(g, { op: 'delete', baseRev: 1 }), // a tombstone deleted again: acknowledged
      wire(edit(a, { householdsVisited: -1 })), // invalid
      wire(samplePatrol(randomUUID(), TIEQIAO_GRID_1, leaderId)), // outside the leader's scope
      wire(samplePatrol(randomUUID(), HUBIN_GRID_1, leaderId), { baseRev: 3 }), // never on the server
    ];

    const batchedReply = await pair.batched.push(pair.leader.batched.token, leaderClient, plan);
    expect(batchedReply.status).toBe(200);
    const singleResults = [];
    for (const m of plan) {
      const reply = await pair.single.push(pair.leader.single.token, leaderClient, [m]);
      expect(reply.status).toBe(200);
      singleResults.push(reply.body.results[0]);
    }

    // The plan means what its comments say, so both paths cannot agree on something else.
    expect(batchedReply.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'merged',
      'duplicate',
      'conflict',
      'merged',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'duplicate',
      'applied',
      'conflict',
      'applied',
      'applied',
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(batchedReply.body.results).toEqual(singleResults);

    const batchedState = await stateOf(pair.batched.db);
    expect(batchedState).toEqual(await stateOf(pair.single.db));
    const proven = (recordId: string) =>
      batchedState.photoRefs.find((ref) => ref.record_id === recordId && ref.sha256 === sha256Hex(q))?.proven;
    expect([proven(h.id), proven(i.id), proven(j.id)]).toEqual([1, 1, 0]);
    expect(batchedState.departures.filter((d) => d.record_id === c.id).map((d) => d.grid_id)).toEqual([
      HUBIN_GRID_1,
      HUBIN_GRID_2,
    ]);
    // The replay after the delete answered the erased revision; the kept revision is erased too.
    expect(batchedReply.body.results[13].record.body.content).toBe('已删除');
    const rev2 = batchedState.revisions.find((r) => r.record_id === a.id && r.rev === 2);
    expect(rev2?.envelope.body.content).toBe('已删除');
  });

  it('stores a first result without a copy of the record, and replays results stored with one as before', async () => {
    const server = pair.batched;
    const { token, user } = pair.leader.batched;
    const older = samplePatrol(randomUUID(), HUBIN_GRID_1, user.id);
    const newer = samplePatrol(randomUUID(), HUBIN_GRID_1, user.id);
    const first = [wire(older), wire(newer)];
    const applied = (await server.push(token, leaderClient, first)).body.results;
    const stored = await server.db
      .selectFrom('mutations')
      .select('result')
      .where('id', '=', first[1]?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.result)).toEqual({ id: first[1]?.id, status: 'applied', rev: 1 });
    // A result as servers stored them before: the record copied in.
    await server.db
      .updateTable('mutations')
      .set({ result: JSON.stringify(applied[0]) })
      .where('id', '=', first[0]?.id ?? '')
      .execute();
    const replayed = (await server.push(token, leaderClient, first)).body.results;
    expect(replayed).toEqual(applied.map((result: object) => ({ ...result, status: 'duplicate' })));
  });

  it('reads and writes a batch of 200 with a fixed number of statements, not a few per mutation', async () => {
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const server = pair.batched;
    const app = createApp({
      db: server.db.withPlugin(counting),
      now: () => server.clock.now,
      version: 'test',
    });
    const { token, user } = pair.leader.batched;
    const push = async (mutations: Wire[]) => {
      statements = 0;
      const response = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 1, clientId: leaderClient, mutations }),
      });
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: { status: string }[] };
      return { statements, statuses: new Set(results.map((r) => r.status)) };
    };
    const records = Array.from({ length: 200 }, () => samplePatrol(randomUUID(), HUBIN_GRID_1, user.id));
    const created = await push(records.map((record) => wire(record)));
    expect(created.statuses).toEqual(new Set(['applied']));
    // Session, client claim, lock, 3 reads, change seqs, 5 writes: far below one per mutation.
    expect(created.statements).toBeLessThanOrEqual(16);

    // Half edits at their rev, half stale edits merged against their kept revision, with deletes.
    const edits = records.map((record, n) =>
      n % 4 === 3
        ? wire(record, { op: 'delete', baseRev: 1 })
        : wire(edit(record, { householdsVisited: n }), { baseRev: 1 }),
    );
    const stale = records
      .slice(0, 100)
      .filter((_, n) => n % 4 !== 3)
      .map((record) => wire(edit(record, { content: `旧版本上的修改${record.id}` }), { baseRev: 1 }));
    const mixed = await push([...edits, ...stale]);
    expect(mixed.statuses).toEqual(new Set(['applied', 'merged']));
    expect(mixed.statements).toBeLessThanOrEqual(20);
  });
});
