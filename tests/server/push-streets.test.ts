/**
 * No global lock on push (issue 15, item 3): on PostgreSQL a push waits only for pushes that may
 * touch its streets' records (or come from its own client), a pull over several streets stays one
 * request, a record moved between streets is named to the old street's readers, and a cursor a
 * phone stored before change numbers were partitioned still continues where it was.
 */
import { randomUUID } from 'node:crypto';
import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  sql,
  type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { createApp } from '../../src/server/app';
import { CHANGE_COUNTER } from '../../src/server/db/migration-support';
import { scopeFingerprint } from '../../src/server/pull/pull-cursor';
import { samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  mutation,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';
import { addAccount, STREET_ACCOUNT_PASSWORD } from './street-accounts';

const GAOXIN_GRID_1 = 'yanjiang-gaoxin-01';

/** Holds every push through it open right after it wrote its records, until `release()`. */
class HoldAfterRecordWrite implements KyselyPlugin {
  readonly #queries = new WeakSet<object>();
  readonly reached: Promise<void>;
  readonly #released: Promise<void>;
  #reach = () => {};
  release = () => {};

  constructor() {
    this.reached = new Promise((resolve) => {
      this.#reach = resolve;
    });
    this.#released = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  transformQuery(args: PluginTransformQueryArgs) {
    if (InsertQueryNode.is(args.node) && args.node.into?.table.identifier.name === 'records')
      this.#queries.add(args.queryId);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#queries.has(args.queryId)) {
      this.#reach();
      await this.#released;
    }
    return args.result;
  }
}

describe.each(DIALECTS)('pushes and pulls across streets (%s)', (dialect) => {
  let server: TestServer;
  let hubin: LoginResponse;
  let tieqiao: LoginResponse;
  let gaoxin: LoginResponse;
  /** A street administrator of 大厂, 泰山 and 沿江: one scope over three streets. */
  let streets: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await addAccount(server.db, 'gx-grid01', 'fullTimeGridWorker', [GAOXIN_GRID_1]);
    await addAccount(server.db, 'three-streets', 'streetAdmin', ['dachang', 'taishan', 'yanjiang']);
    hubin = await server.login('hb-grid01');
    tieqiao = await server.login('tq-grid01');
    gaoxin = await server.login('gx-grid01', STREET_ACCOUNT_PASSWORD);
    streets = await server.login('three-streets', STREET_ACCOUNT_PASSWORD);
  });
  afterAll(() => server.close());

  const patrolBy = (who: LoginResponse, gridId: string) => samplePatrol(randomUUID(), gridId, who.user.id);

  async function pushOne(who: LoginResponse, record: GridRecord, baseRev = 0): Promise<GridRecord> {
    const reply = await server.push(who.token, randomUUID(), [mutation(record, { baseRev })]);
    expect(reply.status).toBe(200);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  /** Pulls every page after `cursor`; answers the changes, removed ids, requests made and last cursor. */
  async function pullAll(who: LoginResponse, cursor?: string, limit = 1000) {
    const clientId = randomUUID();
    const changes: GridRecord[] = [];
    const removed: string[] = [];
    let next = cursor;
    for (let requests = 1; ; requests++) {
      const reply = await server.pull(who.token, clientId, {
        limit: String(limit),
        ...(next ? { cursor: next } : {}),
      });
      expect(reply.status).toBe(200);
      const page = pullResponseSchema.parse(reply.body);
      expect(page.reset).toBeUndefined();
      changes.push(...page.changes);
      removed.push(...(page.removed ?? []));
      next = page.cursor;
      if (!page.hasMore) return { changes, removed, requests, cursor: next };
    }
  }

  it('pulls changes of three streets in one request, and only the new ones after', async () => {
    const first = await pullAll(streets);
    expect(first.requests).toBe(1);
    const pushed = [
      await pushOne(hubin, patrolBy(hubin, HUBIN_GRID_1)),
      await pushOne(tieqiao, patrolBy(tieqiao, TIEQIAO_GRID_1)),
      await pushOne(gaoxin, patrolBy(gaoxin, GAOXIN_GRID_1)),
      await pushOne(hubin, patrolBy(hubin, HUBIN_GRID_1)),
    ];
    const next = await pullAll(streets, first.cursor);
    expect(next.requests).toBe(1);
    expect(next.changes.map((record) => record.id).sort()).toEqual(pushed.map((record) => record.id).sort());
    expect((await pullAll(streets, next.cursor)).changes).toEqual([]);
  });

  it('walks three streets in small pages, each change once', async () => {
    const all = await pullAll(streets);
    const small = await pullAll(streets, undefined, 3);
    expect(small.requests).toBeGreaterThan(1);
    const ids = small.changes.map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(all.changes.map((record) => record.id).sort());
  });

  it('names a record moved to another street in the old street’s next pull, and sends it to the new one', async () => {
    // The street admin's own log: supervisors change no one else's (record-review.ts).
    const record = await pushOne(streets, patrolBy(streets, HUBIN_GRID_1));
    const hubinBefore = await pullAll(hubin);
    const tieqiaoBefore = await pullAll(tieqiao);
    const moved = await pushOne(streets, { ...record, gridId: TIEQIAO_GRID_1 }, record.rev);
    const hubinAfter = await pullAll(hubin, hubinBefore.cursor);
    expect(hubinAfter.removed).toEqual([record.id]);
    expect(hubinAfter.changes).toEqual([]);
    const tieqiaoAfter = await pullAll(tieqiao, tieqiaoBefore.cursor);
    expect(tieqiaoAfter.changes.map((change) => [change.id, change.rev])).toEqual([[record.id, moved.rev]]);
    // Once told, the old street's reader is not told again.
    expect((await pullAll(hubin, hubinAfter.cursor)).removed).toEqual([]);
  });

  it('continues a cursor stored before change numbers were partitioned: nothing lost, nothing twice', async () => {
    // What a server before partitions left: every change numbered in one global sequence, in
    // commit order, the counter `change` at the last number, no street counters.
    const rows = await server.db.selectFrom('records').select('id').orderBy('id').execute();
    await server.db.transaction().execute(async (trx) => {
      for (const [i, row] of rows.entries())
        await trx
          .updateTable('records')
          .set({ change_seq: i + 1 })
          .where('id', '=', row.id)
          .execute();
      await trx.deleteFrom('record_departures').execute();
      await trx.deleteFrom('counters').where('name', '!=', CHANGE_COUNTER).execute();
      await trx
        .updateTable('counters')
        .set({ value: rows.length })
        .where('name', '=', CHANGE_COUNTER)
        .execute();
    });
    const half = Math.floor(rows.length / 2);
    // A phone of the three streets that had pulled up to `half` under the old server.
    const legacy = `${half}.${scopeFingerprint({ gridIds: streets.user.scope.gridIds, role: streets.user.role })}`;
    const inScope = new Set(streets.user.scope.gridIds);
    const stored = await server.db
      .selectFrom('records')
      .select(['id', 'grid_id', 'change_seq'])
      .where('change_seq', '>', half)
      .execute();
    const unseenBefore = stored.filter((row) => inScope.has(row.grid_id)).map((row) => row.id);
    const pushedSince = [
      await pushOne(tieqiao, patrolBy(tieqiao, TIEQIAO_GRID_1)),
      await pushOne(gaoxin, patrolBy(gaoxin, GAOXIN_GRID_1)),
      await pushOne(hubin, patrolBy(hubin, HUBIN_GRID_1)),
    ].map((record) => record.id);

    const walk = await pullAll(streets, legacy, 5);
    const ids = walk.changes.map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...unseenBefore, ...pushedSince].sort());
    expect((await pullAll(streets, walk.cursor)).changes).toEqual([]);
  });

  // SQLite takes one write transaction at a time: only PostgreSQL has concurrent pushes to test.
  if (dialect === 'postgres')
    it('commits a push to one street while a push to another street is held open; a push to the held street waits', async () => {
      const hold = new HoldAfterRecordWrite();
      const heldApp = createApp({
        db: server.db.withPlugin(hold),
        now: () => server.clock.now,
        version: 'test',
      });
      const heldPush = (who: LoginResponse, record: GridRecord) =>
        heldApp.request('/api/sync/push', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
          body: JSON.stringify({ protocol: 1, clientId: randomUUID(), mutations: [mutation(record)] }),
        });

      const held = heldPush(tieqiao, patrolBy(tieqiao, TIEQIAO_GRID_1));
      await hold.reached;
      try {
        // Another street: commits while 泰山's push is open.
        const other = server.push(hubin.token, randomUUID(), [mutation(patrolBy(hubin, HUBIN_GRID_1))]);
        expect(await settlesOrWaitsForLock(other)).toBe('settles');
        expect((await other).body.results[0].status).toBe('applied');
        // The same street, another client: waits for the held push (the lock the test relies on is real).
        const same = server.push(tieqiao.token, randomUUID(), [mutation(patrolBy(tieqiao, TIEQIAO_GRID_1))]);
        expect(await settlesOrWaitsForLock(same)).toBe('waits');
        hold.release();
        expect((await same).body.results[0].status).toBe('applied');
      } finally {
        hold.release();
      }
      expect((await (await held).json()).results[0].status).toBe('applied');
    });

  /** Whether `push` answers, or is seen waiting for a lock in the database first. */
  async function settlesOrWaitsForLock(push: Promise<unknown>): Promise<'settles' | 'waits'> {
    let settled = false;
    push.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    for (;;) {
      if (settled) return 'settles';
      const { rows } = await sql<{ waiting: number }>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(server.db);
      if ((rows[0]?.waiting ?? 0) > 0) return 'waits';
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
});
