import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginResponse, pullResponseSchema } from '../../src/domain/protocol';
import type { GridEventRecord, GridRecord } from '../../src/domain/record-envelope';
import type { RecordKind } from '../../src/domain/record-kinds';
import { recordFromRow } from '../../src/server/db/records.repository';
import { stepped } from '../support/event-steps';
import { samplePng, sha256Hex } from '../support/photo-samples';
import {
  sampleDispute,
  sampleGridEvent,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

const ACCOUNTS = [
  'hb-grid01',
  'hb-leader',
  'hb-admin',
  'dc-admin',
  'hb-police',
  'hb-aux',
  'hb-enforce',
  'hb-mediator',
  'dc-police',
  'dc-chengguan',
  'dc-fire',
  'hb-wuye',
] as const;
type Account = (typeof ACCOUNTS)[number];

const NOTHING: Record<RecordKind, boolean> = {
  patrol: false,
  rentalHouse: false,
  rentalInspection: false,
  dispute: false,
  gridEvent: false,
};

/** Whether each account may push a new sample record of each kind (a hazard inspection, a yellow dispute). */
const WRITES: Record<Account, Record<RecordKind, boolean>> = {
  'hb-grid01': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: true, gridEvent: true },
  'hb-leader': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: true, gridEvent: true },
  'hb-admin': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: true, gridEvent: true },
  'dc-admin': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: true, gridEvent: true },
  'hb-police': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: true, gridEvent: true },
  'hb-aux': { patrol: true, rentalHouse: true, rentalInspection: true, dispute: false, gridEvent: true },
  // An inspection of its own (not handed over by anyone) is not law enforcement's to make.
  'hb-enforce': {
    patrol: false,
    rentalHouse: false,
    rentalInspection: false,
    dispute: false,
    gridEvent: false,
  },
  'hb-mediator': {
    patrol: false,
    rentalHouse: false,
    rentalInspection: false,
    dispute: true,
    gridEvent: false,
  },
  // A department account writes only events dispatched to its department; a new one is not.
  'dc-police': NOTHING,
  'dc-chengguan': NOTHING,
  'dc-fire': NOTHING,
  'hb-wuye': NOTHING,
};

function sample(kind: RecordKind, userId: string): GridRecord {
  const id = randomUUID();
  if (kind === 'patrol') return samplePatrol(id, HUBIN_GRID_1, userId);
  if (kind === 'rentalInspection') return sampleRentalInspection(id, HUBIN_GRID_1, userId);
  if (kind === 'rentalHouse') return sampleRentalHouse(id, HUBIN_GRID_1, userId);
  if (kind === 'gridEvent') return sampleGridEvent(id, HUBIN_GRID_1, userId);
  return sampleDispute(id, HUBIN_GRID_1, userId);
}

function withoutHazard(record: GridRecord): GridRecord {
  if (record.kind !== 'rentalInspection') return record;
  const checklist = record.body.checklist.map((entry) => ({ ...entry, result: 'pass' as const }));
  const { rectificationDeadline: _, ...body } = record.body;
  return {
    ...record,
    body: { ...body, checklist, hazards: [], overallResult: 'noHazard', status: 'closed' },
  };
}

/** The inspection with its hazard handed to 综合执法 (交办): what law enforcement works on. */
function handedToEnforcement(record: GridRecord): GridRecord {
  if (record.kind !== 'rentalInspection') return record;
  const hazards = record.body.hazards.map((h) => {
    const { deadline: _deadline, ...rest } = h;
    return {
      ...rest,
      handling: 'referred' as const,
      referredTo: 'lawEnforcement' as const,
      status: 'referred' as const,
    };
  });
  const { rectificationDeadline: _, ...body } = record.body;
  return { ...record, body: { ...body, hazards, overallResult: 'referred', status: 'referred' } };
}

function withRisk(record: GridRecord, riskLevel: 'red' | 'orange' | 'yellow' | 'none'): GridRecord {
  if (record.kind !== 'dispute') return record;
  return { ...record, body: { ...record.body, riskLevel } };
}

/**
 * How far a cursor has come: its positions summed. Devices treat the cursor as opaque; this test
 * reads its form (`p<pos>-<pos>….<fingerprint>`, base 36, pull-cursor.ts) to see it only moves on.
 */
function cursorPosition(cursor: string): number {
  if (!cursor.startsWith('p')) throw new Error(`not a cursor: ${cursor}`);
  return cursor
    .slice(1, cursor.indexOf('.'))
    .split('-')
    .reduce((sum, position) => sum + Number.parseInt(position, 36), 0);
}

describe.each(DIALECTS)('access rules by role (%s)', (dialect) => {
  let server: TestServer;
  const who = {} as Record<Account, LoginResponse>;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of ACCOUNTS) who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  async function pullAll(account: Account, limit = 1000, clientId = randomUUID()) {
    const changes: GridRecord[] = [];
    const pages: { count: number; cursor: string; hasMore: boolean }[] = [];
    let cursor: string | undefined;
    for (;;) {
      const reply = await server.pull(who[account].token, clientId, {
        limit: String(limit),
        ...(cursor ? { cursor } : {}),
      });
      expect(reply.status).toBe(200);
      const body = pullResponseSchema.parse(reply.body);
      changes.push(...body.changes);
      pages.push({ count: body.changes.length, cursor: body.cursor, hasMore: body.hasMore });
      cursor = body.cursor;
      if (!body.hasMore) return { changes, pages, cursor, clientId };
    }
  }

  async function push(account: Account, record: GridRecord, baseRev = 0) {
    const reply = await server.push(who[account].token, randomUUID(), [mutation(record, { baseRev })]);
    expect(reply.status).toBe(200);
    return reply.body.results[0];
  }

  const kindsOf = (records: GridRecord[]) => [...new Set(records.map((r) => r.kind))].sort();

  it('lets community police see every kind in the community', async () => {
    const { changes } = await pullAll('hb-police');
    expect(kindsOf(changes)).toEqual(['dispute', 'gridEvent', 'patrol', 'rentalHouse', 'rentalInspection']);
  });

  it('lets auxiliary police and the admins see every kind', async () => {
    for (const account of ['hb-aux', 'hb-admin', 'dc-admin'] as const) {
      expect(kindsOf((await pullAll(account)).changes)).toEqual([
        'dispute',
        'gridEvent',
        'patrol',
        'rentalHouse',
        'rentalInspection',
      ]);
    }
  });

  it('shows law enforcement the rental inspections with a hazard handed to them and its department’s events', async () => {
    const { changes } = await pullAll('hb-enforce');
    expect(changes.length).toBeGreaterThan(0);
    expect(kindsOf(changes)).toEqual(['gridEvent', 'rentalInspection']);
    const events = changes.filter((r) => r.kind === 'gridEvent');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((r) => r.kind === 'gridEvent' && r.body.departmentId === 'dachang-zhifa')).toBe(true);
    const handed = (r: GridRecord) =>
      r.kind === 'rentalInspection' && r.body.hazards.some((h) => h.referredTo === 'lawEnforcement');
    expect(changes.filter((r) => r.kind === 'rentalInspection').every(handed)).toBe(true);
    const all = (await pullAll('dc-admin')).changes;
    expect(all.filter((r) => r.kind === 'rentalInspection' && !handed(r)).length).toBeGreaterThan(0);
  });

  it('shows a mediator the disputes they mediate and those waiting to be taken, no others', async () => {
    const { changes } = await pullAll('hb-mediator');
    expect(changes.length).toBeGreaterThan(0);
    expect(kindsOf(changes)).toEqual(['dispute']);
    const me = who['hb-mediator'].user.id;
    for (const record of changes) {
      if (record.kind !== 'dispute') continue;
      const mine = (record.body.mediators ?? []).some((m) => m.userId === me);
      expect(mine || record.body.status === 'reported' || record.body.status === 'escalated').toBe(true);
    }
  });

  it('tells a mediator’s device to drop a case once other mediators took it', async () => {
    const grid01 = who['hb-grid01'].user.id;
    const reported = (await push('hb-grid01', sample('dispute', grid01))).record;
    const before = await pullAll('hb-mediator');
    expect(before.changes.map((r) => r.id)).toContain(reported.id);
    const taken = {
      ...reported,
      body: {
        ...reported.body,
        status: 'accepted',
        consentToMediate: true,
        mediators: [{ id: randomUUID(), name: '何建华' }],
      },
    };
    expect((await push('hb-grid01', taken, reported.rev)).status).toBe('applied');
    const next = await server.pull(who['hb-mediator'].token, before.clientId, { cursor: before.cursor });
    expect(next.body.changes.map((r: GridRecord) => r.id)).not.toContain(reported.id);
    expect(next.body.removed).toEqual([reported.id]);
  });

  it.each(ACCOUNTS)('lets %s create exactly the kinds its role may write', async (account) => {
    const { user } = who[account];
    for (const kind of ['patrol', 'rentalInspection', 'dispute', 'gridEvent'] as const) {
      const result = await push(account, sample(kind, user.id));
      if (WRITES[account][kind]) {
        expect(result.status, `${account} ${kind}`).toBe('applied');
      } else {
        expect(result.status, `${account} ${kind}`).toBe('rejected');
        expect(result.error.code).toBe('forbidden');
        expect(result.error.message).toBe(`The role ${user.role} may not write this ${kind} record`);
        expect(result.record).toBeUndefined();
      }
    }
  });

  it('refuses a change to a stored record the role may not write, without showing it', async () => {
    const patrol = (await push('hb-grid01', sample('patrol', who['hb-grid01'].user.id))).record;
    const edit = { ...patrol, body: { ...patrol.body, content: '调解员改动' } };
    const result = await push('hb-mediator', edit, patrol.rev);
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(result.record).toBeUndefined();
    const deletion = await server.push(who['hb-enforce'].token, randomUUID(), [
      mutation(patrol, { op: 'delete', baseRev: patrol.rev }),
    ]);
    expect(deletion.body.results[0].error.code).toBe('forbidden');
  });

  it('lets auxiliary police write red and orange disputes only, before and after the change', async () => {
    const aux = who['hb-aux'].user.id;
    const red = await push('hb-aux', withRisk(sample('dispute', aux), 'red'));
    expect(red.status).toBe('applied');
    expect((await push('hb-aux', withRisk(sample('dispute', aux), 'orange'))).status).toBe('applied');
    // Lowering the risk would write the record out of the role's reach.
    const lowered = await push('hb-aux', withRisk(red.record, 'yellow'), red.record.rev);
    expect(lowered.error.code).toBe('forbidden');
    // Raising a yellow dispute someone else registered is not theirs to do either.
    const yellow = (await push('hb-grid01', sample('dispute', who['hb-grid01'].user.id))).record;
    const raised = await push('hb-aux', withRisk(yellow, 'red'), yellow.rev);
    expect(raised.error.code).toBe('forbidden');
  });

  it('lets law enforcement work on an inspection handed to them, and refuses one that is not', async () => {
    const enforcer = who['hb-enforce'].user.id;
    const handed = await push('hb-enforce', handedToEnforcement(sample('rentalInspection', enforcer)));
    expect(handed.status).toBe('applied');
    const clean = withoutHazard(sample('rentalInspection', enforcer));
    expect(await push('hb-enforce', clean)).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden' },
    });
  });

  it('serves a photo only to roles that may read a record referencing it', async () => {
    let seed = 900;
    async function attached(
      kind: RecordKind,
      shape: (r: GridRecord) => GridRecord = (r) => r,
    ): Promise<string> {
      seed += 1;
      const bytes = samplePng(seed);
      const sha256 = sha256Hex(bytes);
      const put = await server.app.request(`/api/photos/${sha256}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${who['hb-grid01'].token}` },
        body: bytes,
      });
      expect(put.status).toBe(201);
      const record = shape(sample(kind, who['hb-grid01'].user.id));
      record.body.photoIds = [sha256];
      expect((await push('hb-grid01', record)).status).toBe('applied');
      return sha256;
    }
    const status = async (sha256: string, account: Account) =>
      (
        await server.app.request(`/api/photos/${sha256}`, {
          headers: { authorization: `Bearer ${who[account].token}` },
        })
      ).status;

    const onPatrol = await attached('patrol');
    expect(await status(onPatrol, 'hb-police')).toBe(200);
    expect(await status(onPatrol, 'hb-mediator')).toBe(404);
    expect(await status(onPatrol, 'hb-enforce')).toBe(404);
    const onDispute = await attached('dispute');
    expect(await status(onDispute, 'hb-mediator')).toBe(200);
    expect(await status(onDispute, 'hb-enforce')).toBe(404);
    const onInspection = await attached('rentalInspection', handedToEnforcement);
    expect(await status(onInspection, 'hb-enforce')).toBe(200);
    expect(await status(onInspection, 'hb-mediator')).toBe(404);
  });

  it('moves the cursor over pages whose changes were all filtered out', async () => {
    const whole = await pullAll('hb-enforce');
    const paged = await pullAll('hb-enforce', 1);
    expect(paged.changes.map((r) => r.id)).toEqual(whole.changes.map((r) => r.id));
    expect(paged.pages.some((page) => page.count === 0 && page.hasMore)).toBe(true);
    const seqs = paged.pages.map((page) => cursorPosition(page.cursor));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    // A change it may not read still moves its cursor on; the next readable one arrives alone.
    const grid01 = who['hb-grid01'].user.id;
    expect((await push('hb-grid01', withoutHazard(sample('rentalInspection', grid01)))).status).toBe(
      'applied',
    );
    const quiet = await server.pull(who['hb-enforce'].token, whole.clientId, { cursor: whole.cursor });
    expect(quiet.body).toMatchObject({ changes: [], hasMore: false });
    expect(cursorPosition(quiet.body.cursor)).toBeGreaterThan(cursorPosition(whole.cursor));
    const hazard = (await push('hb-grid01', handedToEnforcement(sample('rentalInspection', grid01)))).record;
    const next = await server.pull(who['hb-enforce'].token, whole.clientId, { cursor: quiet.body.cursor });
    expect(next.body.changes.map((r: GridRecord) => r.id)).toEqual([hazard.id]);
    expect(next.body.reset).toBeUndefined();
  });

  it('answers reset on the next pull after the role changed, with what the new role may read', async () => {
    const { cursor, clientId } = await pullAll('hb-mediator');
    const userId = who['hb-mediator'].user.id;
    await server.db.updateTable('users').set({ role: 'communityAdmin' }).where('id', '=', userId).execute();
    try {
      const reply = await server.pull(who['hb-mediator'].token, clientId, { cursor });
      expect(reply.body.reset).toBe(true);
      expect(kindsOf(reply.body.changes)).toEqual([
        'dispute',
        'gridEvent',
        'patrol',
        'rentalHouse',
        'rentalInspection',
      ]);
    } finally {
      await server.db.updateTable('users').set({ role: 'mediator' }).where('id', '=', userId).execute();
    }
  });

  it('answers reset when the role changed to one that reads the same kinds', async () => {
    const { cursor, clientId } = await pullAll('hb-mediator');
    const userId = who['hb-mediator'].user.id;
    await server.db
      .updateTable('users')
      .set({ role: 'politicalLegalGridWorker' })
      .where('id', '=', userId)
      .execute();
    try {
      expect((await server.pull(who['hb-mediator'].token, clientId, { cursor })).body.reset).toBe(true);
    } finally {
      await server.db.updateTable('users').set({ role: 'mediator' }).where('id', '=', userId).execute();
    }
  });

  it('gives a role it does not know nothing, on pull and push', async () => {
    const userId = who['hb-aux'].user.id;
    await server.db.updateTable('users').set({ role: 'fireRescue' }).where('id', '=', userId).execute();
    try {
      const { changes } = await pullAll('hb-aux');
      expect(changes).toEqual([]);
      const result = await push('hb-aux', sample('patrol', userId));
      expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    } finally {
      await server.db
        .updateTable('users')
        .set({ role: 'auxiliaryPolice' })
        .where('id', '=', userId)
        .execute();
    }
  });
});

/** Every demo account. */
const EVERYONE = [
  'hb-grid01',
  'hb-grid02',
  'hb-leader',
  'hb-police',
  'hb-aux',
  'hb-mediator',
  'hb-enforce',
  'dc-police',
  'dc-chengguan',
  'dc-fire',
  'hb-wuye',
  'hb-admin',
  'dc-admin',
  'tq-grid01',
  'tq-police',
] as const;
type DemoAccount = (typeof EVERYONE)[number];

/** Events in 湖滨 grid 1: one waiting, three dispatched (交办) to a department each, one a dispute. */
const EVENTS = ['waiting', 'toZhifa', 'toPolice', 'toWuye', 'dispute'] as const;
type EventKey = (typeof EVENTS)[number];
const DISPATCHED_TO: Partial<Record<EventKey, string>> = {
  toZhifa: 'dachang-zhifa',
  toPolice: 'dachang-police',
  toWuye: 'dachang-hubin-wuye',
};

/**
 * Which of the events each account reads and writes: its grids first (hb-grid02 has grid 2 only,
 * 铁桥 is another street), then its role, and for a department account the department it is bound to.
 */
const REACHES: Record<DemoAccount, readonly EventKey[]> = {
  'hb-grid01': EVENTS,
  'hb-grid02': [],
  'hb-leader': EVENTS,
  'hb-police': EVENTS,
  'hb-aux': EVENTS,
  'hb-mediator': ['dispute'],
  'hb-enforce': ['toZhifa'],
  'dc-police': ['toPolice'],
  'dc-chengguan': [],
  'dc-fire': [],
  'hb-wuye': ['toWuye'],
  'hb-admin': EVENTS,
  'dc-admin': EVENTS,
  'tq-grid01': [],
  'tq-police': [],
};

describe.each(DIALECTS)('上报事件 by demo account (%s)', (dialect) => {
  let server: TestServer;
  const who = {} as Record<DemoAccount, LoginResponse>;
  const current = new Map<EventKey, GridEventRecord>();
  /** The record as the server holds it now. */
  async function latest(record: GridEventRecord | undefined): Promise<GridEventRecord | undefined> {
    if (!record) return undefined;
    const row = await server.db
      .selectFrom('records')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirst();
    return row ? (recordFromRow(row) as GridEventRecord) : undefined;
  }
  const keyOf = new Map<string, EventKey>();

  async function push(account: DemoAccount, record: GridRecord, baseRev = record.rev) {
    const reply = await server.push(who[account].token, randomUUID(), [mutation(record, { baseRev })]);
    expect(reply.status).toBe(200);
    return reply.body.results[0];
  }

  async function pullEvents(account: DemoAccount, cursor?: string, clientId = randomUUID()) {
    const reply = await server.pull(who[account].token, clientId, {
      limit: '1000',
      ...(cursor ? { cursor } : {}),
    });
    expect(reply.status).toBe(200);
    const body = pullResponseSchema.parse(reply.body);
    expect(body.hasMore).toBe(false);
    const events = body.changes.filter((r): r is GridEventRecord => r.kind === 'gridEvent');
    return { body, events, clientId };
  }

  const mine = (events: readonly GridEventRecord[]) =>
    events.flatMap((event) => keyOf.get(event.id) ?? []).sort();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of EVERYONE) who[account] = await server.login(account);
    const now = server.clock.now;
    for (const key of EVENTS) {
      const sample = sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-grid01'].user.id);
      const body =
        key === 'dispute'
          ? { ...sample.body, title: '邻里噪音纠纷', categoryL1: 'dispute' as const, categoryL2: 'neighbor' }
          : sample.body;
      let record = (await push('hb-grid01', { ...sample, body }, 0)).record as GridEventRecord;
      const department = DISPATCHED_TO[key];
      if (department) {
        record = (await push('hb-admin', stepped(record, who['hb-admin'], { type: 'accept' }, now))).record;
        const assign = { type: 'assign' as const, departmentId: department, deadline: '2026-12-04' };
        record = (await push('hb-admin', stepped(record, who['hb-admin'], assign, now))).record;
      }
      current.set(key, record);
      keyOf.set(record.id, key);
    }
  });
  afterAll(() => server.close());

  it.each(EVERYONE)('lets %s read exactly the events in its reach', async (account) => {
    const { events } = await pullEvents(account);
    expect(mine(events)).toEqual([...REACHES[account]].sort());
    // A department account, demo events included, sees only what is dispatched to its department.
    const department = who[account].user.departmentId;
    if (department) expect(events.every((event) => event.body.departmentId === department)).toBe(true);
  });

  it.each(EVERYONE)('lets %s write exactly the events in its reach', async (account) => {
    for (const key of EVENTS) {
      // As a device holds it after its last pull: the server's supervision may have written a card since.
      const record = await latest(current.get(key));
      if (!record) throw new Error(`no event ${key}`);
      const edit = {
        ...record,
        body: { ...record.body, description: `${record.body.description}（${account}补充）` },
      };
      const result = await push(account, edit);
      if (REACHES[account].includes(key)) {
        expect(result.status, `${account} ${key}`).toBe('applied');
        current.set(key, result.record);
      } else {
        expect(result, `${account} ${key}`).toMatchObject({
          status: 'rejected',
          error: { code: 'forbidden' },
        });
        // Refused without showing what the server holds.
        expect(result.record, `${account} ${key}`).toBeUndefined();
      }
    }
  });

  it('lets a department take the next step (处置) on its own event, and not another’s', async () => {
    const now = server.clock.now;
    const toPolice = current.get('toPolice');
    if (!toPolice) throw new Error('no event toPolice');
    // 综合执法's device, as if it were 派出所's (the app would not offer it): the server still refuses.
    const byZhifa = stepped(
      toPolice,
      { ...who['hb-enforce'], user: { ...who['hb-enforce'].user, departmentId: 'dachang-police' } },
      { type: 'process' },
      now,
    );
    expect(await push('hb-enforce', byZhifa)).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden' },
    });
    const byPolice = await push('dc-police', stepped(toPolice, who['dc-police'], { type: 'process' }, now));
    expect(byPolice.status).toBe('applied');
    expect(byPolice.record.body.status).toBe('processing');
    current.set('toPolice', byPolice.record);
  });

  it('answers reset when a department account is bound to another department, with that one’s events', async () => {
    const { body, clientId } = await pullEvents('dc-police');
    const userId = who['dc-police'].user.id;
    await server.db
      .updateTable('users')
      .set({ department_id: 'dachang-hubin-wuye' })
      .where('id', '=', userId)
      .execute();
    try {
      const { body: next, events } = await pullEvents('dc-police', body.cursor, clientId);
      expect(next.reset).toBe(true);
      expect(mine(events)).toEqual(['toWuye']);
      expect(events.every((event) => event.body.departmentId === 'dachang-hubin-wuye')).toBe(true);
    } finally {
      await server.db
        .updateTable('users')
        .set({ department_id: 'dachang-police' })
        .where('id', '=', userId)
        .execute();
    }
  });
});
