/**
 * The server's 黄牌 and 红牌 (issue 12 §6) on a fake clock: a yellow then a red as the days pass over
 * the 2026 国庆 holiday (working days, the 10-10 make-up Saturday counted), each once; an approved
 * extension moving the days; a step that changed hands restarting the clock; nothing for a finished
 * event; cards right after a push; and each card once with two runners on one database, one of them
 * dying mid-run and the other taking the job over once its claim runs out.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EventActor, SUPERVISION_ACTOR_ID } from '../../src/domain/event-access';
import { type EventStep, takeEventStep } from '../../src/domain/event-steps';
import { CARD_OPINIONS } from '../../src/domain/event-supervision';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { openDatabase } from '../../src/server/db/database';
import { findRecord } from '../../src/server/db/records.repository';
import { issueDueCards } from '../../src/server/supervision/issue-cards';
import { runSupervisionJob, SUPERVISION_LEASE_MS } from '../../src/server/supervision/supervision-job';
import { sampleGridEvent } from '../support/sample-records';
import {
  DIALECTS,
  type Dialect,
  HUBIN_GRID_1,
  mutation,
  startTestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

const ACCOUNTS = ['hb-grid01', 'hb-admin', 'hb-enforce', 'tq-grid01'] as const;
type Account = (typeof ACCOUNTS)[number];
const DACHANG = new Set(['dachang-zhifa', 'dachang-police']);
/** 10:00 in China on `day`. */
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

/** A test server on the fixed clock, its accounts signed in, and the steps a test takes with them. */
async function supervised(dialect: Dialect) {
  const server = await startTestServer(dialect);
  const who = {} as Record<Account, LoginResponse>;
  for (const account of ACCOUNTS) who[account] = await server.login(account);
  const actor = (account: Account): EventActor => ({
    id: who[account].user.id,
    role: who[account].user.role,
    departmentId: who[account].user.departmentId,
  });

  /** An event reported on the server's clock now by `account`, as the device makes it. */
  function report(account: Account = 'hb-grid01', gridId = HUBIN_GRID_1): GridEventRecord {
    const sample = sampleGridEvent(randomUUID(), gridId, who[account].user.id);
    const now = server.clock.now.toISOString();
    const { location } = sample.body;
    const body = {
      ...sample.body,
      reportedAt: now,
      ...(location && { location: { ...location, capturedAt: now } }),
    };
    return { ...sample, createdAt: now, updatedAt: now, body };
  }

  /** `record` after `account` takes `event` on it now, as the app saves a step. */
  function step(record: GridEventRecord, account: Account, event: GridEventEvent): GridEventRecord {
    const taken: EventStep = {
      event,
      logId: randomUUID(),
      at: server.clock.now.toISOString(),
      byName: who[account].user.name,
    };
    const result = takeEventStep(record.body, actor(account), taken, {
      now: server.clock.now,
      departmentIds: DACHANG,
    });
    if (!result.ok) throw new Error(`${account} ${event.type}: ${result.reason}`);
    return { ...record, body: result.body, updatedAt: taken.at, updatedBy: who[account].user.id };
  }

  async function push(account: Account, records: GridEventRecord[], baseRev?: number) {
    const mutations = records.map((record) => mutation(record, { baseRev: baseRev ?? record.rev }));
    const reply = await server.push(who[account].token, randomUUID(), mutations);
    expect(reply.status).toBe(200);
    return reply.body.results as { status: string; record: GridEventRecord }[];
  }

  async function pushed(account: Account, record: GridEventRecord, baseRev?: number) {
    const [result] = await push(account, [record], baseRev);
    expect(result?.status).toMatch(/^(applied|merged)$/);
    return result?.record as GridEventRecord;
  }

  async function stored(id: string): Promise<GridEventRecord> {
    const record = await findRecord(server.db, id);
    if (record?.kind !== 'gridEvent') throw new Error(`event ${id} is not stored`);
    return record;
  }

  async function counts(id: string) {
    const revisions = await server.db
      .selectFrom('record_revisions')
      .select('rev')
      .where('record_id', '=', id)
      .execute();
    const audits = await server.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('record_id', '=', id)
      .where('action', '=', 'supervise')
      .execute();
    return { revisions: revisions.length, cardAudits: audits.length };
  }

  return { server, who, report, step, push, pushed, stored, counts };
}

const cards = (record: GridEventRecord) =>
  record.body.flowLogs.filter((log) => log.action === 'supervise').map((log) => log.supervision);

describe.each(DIALECTS)('the server’s supervision of one event (%s)', (dialect) => {
  let t: Awaited<ReturnType<typeof supervised>>;
  beforeAll(async () => {
    t = await supervised(dialect);
  });
  afterAll(() => t.server.close());
  /** Other tests' events share the server: each test issues only its own. */
  const issue = (event: { id: string }, day: Date) =>
    issueDueCards(t.server.db, day, { recordIds: [event.id] });

  it('issues a 黄牌 once 受理 is a working day late over 国庆, then a 红牌, each once', async () => {
    // Reported Wed 9-30: the holiday runs 10-1…10-7; 受理's one working day is Thu 10-8.
    t.server.clock.now = at('2026-09-30', '16:00');
    const event = await t.pushed('hb-grid01', t.report(), 0);
    expect(event.body.clock).toMatchObject({ yellowDay: '2026-10-08', redDay: '2026-10-09' });
    for (const day of ['2026-10-02', '2026-10-07', '2026-10-08'])
      expect(await issue(event, at(day)), day).toEqual({ cards: 0, events: 0 });

    expect(await issue(event, at('2026-10-09'))).toEqual({ cards: 1, events: 1 });
    expect(await issue(event, at('2026-10-09', '17:00'))).toEqual({ cards: 0, events: 0 });
    const yellow = await t.stored(event.id);
    expect(yellow).toMatchObject({
      rev: 2,
      updatedBy: SUPERVISION_ACTOR_ID,
      body: { supervision: 'yellow' },
    });
    expect(yellow.body.flowLogs.at(-1)).toMatchObject({
      action: 'supervise',
      supervision: 'yellow',
      by: SUPERVISION_ACTOR_ID,
      byName: '系统',
      opinion: CARD_OPINIONS.yellow,
      at: at('2026-10-09').toISOString(),
      fromStatus: 'reported',
      toStatus: 'reported',
    });
    // The clock is the step's: a card hands nothing over.
    expect(yellow.body.clock).toEqual(event.body.clock);

    // The red limit's one more working day was 10-9: on the make-up Saturday it has passed.
    expect(await issue(event, at('2026-10-10'))).toEqual({ cards: 1, events: 1 });
    expect(await issue(event, at('2026-10-12'))).toEqual({ cards: 0, events: 0 });
    const red = await t.stored(event.id);
    expect(red.rev).toBe(3);
    expect(cards(red)).toEqual(['yellow', 'red']);
    expect(red.body.flowLogs.at(-1)?.opinion).toBe(CARD_OPINIONS.red);
    expect(await t.counts(event.id)).toEqual({ revisions: 3, cardAudits: 2 });

    // The community admin's phone pulls the carded event like any change.
    const pulled = await t.server.pull(t.who['hb-admin'].token, randomUUID(), { limit: '1000' });
    const seen = pulled.body.changes.find((change: GridEventRecord) => change.id === event.id);
    expect(seen).toMatchObject({ rev: 3, body: { supervision: 'red' } });
  });

  it('gives both cards at once to a step that is past both limits, and issues cards right after a push', async () => {
    // A phone offline since 9-30 pushes its report on 10-12: it is late already.
    t.server.clock.now = at('2026-09-30', '16:00');
    const late = t.report();
    t.server.clock.now = at('2026-10-12');
    const [result] = await t.push('hb-grid01', [late], 0);
    expect(result?.status).toBe('applied');
    // The push answers with what it wrote; the cards followed it in their own revision.
    expect(result?.record.rev).toBe(1);
    const carded = await t.stored(late.id);
    expect(carded.rev).toBe(2);
    expect(cards(carded)).toEqual(['yellow', 'red']);
    expect(await issue(late, at('2026-10-20'))).toEqual({ cards: 0, events: 0 });
  });

  it('moves the days by an approved extension', async () => {
    // Dispatched Mon 9-28: 5 working days of 办理 end on the make-up Saturday 10-10.
    t.server.clock.now = at('2026-09-28', '09:00');
    let event = await t.pushed('hb-grid01', t.report(), 0);
    event = await t.pushed('hb-admin', t.step(event, 'hb-admin', { type: 'accept' }));
    event = await t.pushed(
      'hb-admin',
      t.step(event, 'hb-admin', { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-10-30' }),
    );
    expect(event.body.clock).toMatchObject({ step: 'handle', yellowDay: '2026-10-10', redDay: '2026-10-16' });
    t.server.clock.now = at('2026-10-09', '09:00');
    event = await t.pushed('hb-enforce', t.step(event, 'hb-enforce', { type: 'process' }));
    event = await t.pushed(
      'hb-enforce',
      t.step(event, 'hb-enforce', { type: 'requestExtension', days: 3, reason: '需协调车主到场' }),
    );
    // Asked for, not yet approved: the clock is as it was.
    expect(event.body.clock?.yellowDay).toBe('2026-10-10');
    event = await t.pushed('hb-admin', t.step(event, 'hb-admin', { type: 'approveExtension' }));
    expect(event.body.clock).toMatchObject({ yellowDay: '2026-10-14', redDay: '2026-10-21' });

    expect(await issue(event, at('2026-10-14'))).toEqual({ cards: 0, events: 0 });
    expect(await issue(event, at('2026-10-15'))).toEqual({ cards: 1, events: 1 });
    expect(cards(await t.stored(event.id))).toEqual(['yellow']);
  });

  it('restarts the clock when the event changes hands; the new step earns a card of its own', async () => {
    t.server.clock.now = at('2026-09-30', '16:00');
    const event = await t.pushed('hb-grid01', t.report(), 0);
    expect(await issue(event, at('2026-10-09'))).toEqual({ cards: 1, events: 1 });

    // The admin accepts from the copy before the card (offline): merged, no conflict with the card.
    t.server.clock.now = at('2026-10-09', '11:00');
    const [accepted] = await t.push('hb-admin', [t.step(event, 'hb-admin', { type: 'accept' })]);
    expect(accepted?.status).toBe('merged');
    const handled = await t.stored(event.id);
    expect(handled.body).toMatchObject({ status: 'accepted', supervision: 'yellow' });
    const acceptLog = handled.body.flowLogs.find((log) => log.action === 'accept');
    // 办理 from Fri 10-9: 10-10 (调休), 10-12…10-15 → yellow after 10-15, red after 10-22.
    expect(handled.body.clock).toMatchObject({
      stepKey: acceptLog?.id,
      step: 'handle',
      yellowDay: '2026-10-15',
      redDay: '2026-10-22',
    });
    // The 受理 clock's red day has passed, but that step is over.
    expect(await issue(event, at('2026-10-12'))).toEqual({ cards: 0, events: 0 });
    // Past the new yellow day: the event already carries a yellow card, and a card only rises.
    expect(await issue(event, at('2026-10-16'))).toEqual({ cards: 0, events: 0 });
    expect(await issue(event, at('2026-10-23'))).toEqual({ cards: 1, events: 1 });
    const red = await t.stored(event.id);
    expect(cards(red)).toEqual(['yellow', 'red']);
    // The accept merged beside the first card (child lists merge by id); the red came after both.
    expect(red.body.flowLogs.map((log) => log.action).sort()).toEqual(['accept', 'supervise', 'supervise']);
    expect(red.body.flowLogs.at(-1)?.supervision).toBe('red');
  });

  it('issues nothing on a finished event', async () => {
    t.server.clock.now = at('2026-09-30', '16:00');
    const filed = t.step(t.report(), 'hb-grid01', { type: 'selfResolve', note: '已劝离车主挪走电动车' });
    const selfResolved = await t.pushed('hb-grid01', filed, 0);
    const rejected = await t.pushed(
      'hb-admin',
      t.step(await t.pushed('hb-grid01', t.report(), 0), 'hb-admin', { type: 'reject', reason: '重复上报' }),
    );
    for (const record of [selfResolved, rejected]) expect(record.body.clock).toBeUndefined();
    const rows = await t.server.db
      .selectFrom('event_clocks')
      .select('record_id')
      .where('record_id', 'in', [selfResolved.id, rejected.id])
      .execute();
    expect(rows).toEqual([]);
    await issueDueCards(t.server.db, at('2026-12-31'), { recordIds: [selfResolved.id, rejected.id] });
    expect((await t.stored(selfResolved.id)).rev).toBe(1);
    expect((await t.stored(rejected.id)).rev).toBe(2);
  });
});

describe.each(DIALECTS)('the supervision job (%s)', (dialect) => {
  let t: Awaited<ReturnType<typeof supervised>>;
  beforeEach(async () => {
    t = await supervised(dialect);
  });
  afterEach(() => t.server.close());

  it('issues each card once with two runners on one database, one dying mid-run and restarted', async () => {
    // 24 events in 大厂 and 24 in 泰山, all reported Wed 9-30: yellow is due from 10-9.
    t.server.clock.now = at('2026-09-30', '16:00');
    const dachang = Array.from({ length: 24 }, () => t.report('hb-grid01'));
    const taishan = Array.from({ length: 24 }, () => t.report('tq-grid01', TIEQIAO_GRID_1));
    await t.push('hb-grid01', dachang, 0);
    await t.push('tq-grid01', taishan, 0);
    const events = [...dachang, ...taishan];

    // Runner A claims the job and dies after its first batch (its database gone, as in a crash).
    const first = await openDatabase(t.server.config);
    const now = at('2026-10-09');
    let batches = 0;
    await expect(
      runSupervisionJob(first, {
        owner: 'process-a',
        now: () => now,
        intervalMs: 600_000,
        batchSize: 10,
        afterBatch: async () => {
          batches += 1;
          await first.destroy();
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(batches).toBe(1);
    const carded = async () => {
      const bodies = await Promise.all(events.map((event) => t.stored(event.id)));
      return bodies.filter((record) => record.body.supervision === 'yellow').length;
    };
    expect(await carded()).toBe(10);

    // Runner B, restarted on its own connection: A's claim holds until it runs out.
    const second = await openDatabase(t.server.config);
    try {
      const run = (owner: string, when: Date) =>
        runSupervisionJob(second, { owner, now: () => when, intervalMs: 600_000, batchSize: 10 });
      expect(await run('process-b', now)).toEqual({ ran: false });
      const later = new Date(now.getTime() + SUPERVISION_LEASE_MS);
      expect(await run('process-b', later)).toEqual({ ran: true, complete: true, cards: 38, events: 38 });
      expect(await carded()).toBe(48);
      // Done, and due again only an interval later; a run then finds nothing left to issue.
      expect(await run('process-c', later)).toEqual({ ran: false });
      const next = new Date(later.getTime() + 600_000);
      expect(await run('process-c', next)).toEqual({ ran: true, complete: true, cards: 0, events: 0 });
    } finally {
      await second.destroy();
    }
    for (const event of events) {
      const record = await t.stored(event.id);
      expect(cards(record), event.id).toEqual(['yellow']);
      expect(await t.counts(event.id)).toEqual({ revisions: 2, cardAudits: 1 });
    }
  });

  // Two connections in one process race only on PostgreSQL: better-sqlite3 waits for a lock by
  // blocking the thread the other connection needs (the admin CLI process test races SQLite).
  if (dialect === 'postgres')
    it('issues each card once when two runners race over the same due events', async () => {
      t.server.clock.now = at('2026-09-30', '16:00');
      const events = [
        ...Array.from({ length: 30 }, () => t.report('hb-grid01')),
        ...Array.from({ length: 30 }, () => t.report('tq-grid01', TIEQIAO_GRID_1)),
      ];
      await t.push('hb-grid01', events.slice(0, 30), 0);
      await t.push('tq-grid01', events.slice(30), 0);
      const handles = [await openDatabase(t.server.config), await openDatabase(t.server.config)];
      try {
        // No job claim here: each runner issues what it finds due, racing on the streets' locks.
        const day = at('2026-10-11');
        const runs = await Promise.all(handles.map((db) => issueDueCards(db, day, { batchSize: 7 })));
        expect(runs.reduce((sum, run) => sum + run.events, 0)).toBe(60);
        expect(runs.reduce((sum, run) => sum + run.cards, 0)).toBe(120);
      } finally {
        for (const db of handles) await db.destroy();
      }
      for (const event of events) {
        expect(cards(await t.stored(event.id)), event.id).toEqual(['yellow', 'red']);
        expect(await t.counts(event.id)).toEqual({ revisions: 2, cardAudits: 1 });
      }
    });
});
