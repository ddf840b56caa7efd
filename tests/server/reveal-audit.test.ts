import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { RevealEntry } from '../../src/domain/reveal';
import {
  DIALECTS,
  HUBIN_GRID_1,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

describe.each(DIALECTS)('reveal audit (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  let enforcer: LoginResponse;
  let hubinDispute: { id: string; partyId: string };
  let tieqiaoDispute: string;
  const clientId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
    enforcer = await server.login('hb-enforce');
    const disputeIn = async (gridId: string) => {
      const row = await server.db
        .selectFrom('records')
        .select(['id', 'body'])
        .where('kind', '=', 'dispute')
        .where('grid_id', '=', gridId)
        .executeTakeFirstOrThrow();
      return { id: row.id, partyId: JSON.parse(row.body).parties[0].id as string };
    };
    hubinDispute = await disputeIn(HUBIN_GRID_1);
    tieqiaoDispute = (await disputeIn(TIEQIAO_GRID_1)).id;
  });
  afterAll(() => server.close());

  function entry(overrides: Partial<RevealEntry> = {}): RevealEntry {
    return {
      id: randomUUID(),
      at: '2026-11-26T15:59:00+08:00',
      recordId: hubinDispute.id,
      field: `body.parties.${hubinDispute.partyId}.phone`,
      reason: 'contactParty',
      offline: true,
      ...overrides,
    };
  }

  function send(entries: unknown[], token = worker.token, client = clientId) {
    return server.call('POST', '/api/audit/reveals', {
      token,
      body: { protocol: 1, clientId: client, entries },
    });
  }

  function revealRows(id: string) {
    return server.db.selectFrom('audit_log').selectAll().where('id', '=', id).execute();
  }

  it('records a reveal with the user, client, record, field, reason, note, offline flag and both times', async () => {
    const revealed = entry({ reason: 'other', reasonNote: '当事人要求回电' });
    const reply = await send([revealed]);
    expect(reply).toEqual({ status: 200, body: { results: [{ id: revealed.id, status: 'recorded' }] } });
    expect(await revealRows(revealed.id)).toEqual([
      {
        id: revealed.id,
        at: '2026-11-26T08:00:00.000Z',
        device_at: revealed.at,
        user_id: worker.user.id,
        client_id: clientId,
        action: 'reveal',
        record_id: hubinDispute.id,
        kind: 'dispute',
        field: revealed.field,
        reason: 'other',
        reason_note: '当事人要求回电',
        offline: 1,
        before: null,
        after: null,
        record_ids: null,
      },
    ]);
  });

  it('answers duplicate for a replayed entry and writes nothing more', async () => {
    const revealed = entry({ offline: false });
    await send([revealed]);
    const before = await server.count('audit_log');
    const replay = await send([revealed, revealed]);
    expect(replay.body.results).toEqual([
      { id: revealed.id, status: 'duplicate' },
      { id: revealed.id, status: 'duplicate' },
    ]);
    expect(await server.count('audit_log')).toBe(before);
  });

  it('rejects entries for unknown, out-of-scope or unreadable records without blocking the others', async () => {
    const unknown = entry({ recordId: randomUUID() });
    const outOfScope = entry({ recordId: tieqiaoDispute, field: 'body.title' });
    const fine = entry();
    const reply = await send([unknown, outOfScope, fine]);
    expect(reply.status).toBe(200);
    expect(reply.body.results).toMatchObject([
      { id: unknown.id, status: 'rejected', error: { code: 'not_found' } },
      { id: outOfScope.id, status: 'rejected', error: { code: 'forbidden' } },
      { id: fine.id, status: 'recorded' },
    ]);
    expect(await revealRows(unknown.id)).toEqual([]);
    expect(await revealRows(outOfScope.id)).toEqual([]);
    expect(await revealRows(fine.id)).toHaveLength(1);

    // Law enforcement works in Dachang street, Hubin included, but may not read disputes.
    const unreadable = entry();
    const refused = await send([unreadable], enforcer.token, randomUUID());
    expect(refused.body.results).toMatchObject([{ status: 'rejected', error: { code: 'forbidden' } }]);
    expect(await revealRows(unreadable.id)).toEqual([]);
  });

  it('does not let another user replay an entry id', async () => {
    const revealed = entry();
    await send([revealed]);
    const police = await server.login('hb-police');
    const reply = await send([revealed], police.token, randomUUID());
    expect(reply.body.results).toMatchObject([{ status: 'rejected', error: { code: 'forbidden' } }]);
    expect((await revealRows(revealed.id))[0]?.user_id).toBe(worker.user.id);
  });

  it('rejects each malformed entry on its own, naming the field, and records the good ones beside it', async () => {
    const before = await server.count('audit_log');
    const cases: [unknown, string][] = [
      [entry({ reason: 'other' }), 'reasonNote'],
      [entry({ reason: 'other', reasonNote: '   ' }), 'reasonNote'],
      [{ ...entry(), reason: 'curiosity' }, 'reason'],
      [entry({ at: '2026-11-26 15:59' }), 'at'],
      [entry({ field: `body.${'x'.repeat(200)}` }), 'field'],
      [entry({ reasonNote: '备'.repeat(201) }), 'reasonNote'],
      [entry({ reasonNote: '回电\u0000' }), 'reasonNote'],
      [entry({ reasonNote: '\u001b[2J\u001b[H伪造的一行' }), 'reasonNote'],
      [{ ...entry(), extra: 1 }, ''],
      [{ ...entry(), offline: 'yes' }, 'offline'],
    ];
    const good = entry();
    const reply = await send([...cases.map(([bad]) => bad), good]);
    expect(reply.status).toBe(200);
    const results = reply.body.results as {
      id: string;
      status: string;
      error?: { code: string; issues: { path: string }[] };
    }[];
    expect(results.at(-1)).toEqual({ id: good.id, status: 'recorded' });
    for (const [index, [, path]] of cases.entries()) {
      expect(results[index]).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
      expect(results[index]?.error?.issues.map((issue) => issue.path)).toContain(path);
    }
    expect(await server.count('audit_log')).toBe(before + 1);
  });

  it('refuses a batch with 400 in English only when an entry cannot be answered for, and stores nothing', async () => {
    const before = await server.count('audit_log');
    for (const entries of [[], [entry(), { ...entry(), id: 'not-an-id' }], [entry(), 'text']]) {
      const reply = await send(entries);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'validation', message: 'Invalid reveal audit request' });
    }
    const notJson = await server.call('POST', '/api/audit/reveals', {
      token: worker.token,
      raw: '{"protocol":',
    });
    expect(notJson.status).toBe(400);
    expect(await server.count('audit_log')).toBe(before);
  });

  it('answers 413 for more than 500 entries and 401 without a session', async () => {
    const tooMany = Array.from({ length: 501 }, () => entry());
    const reply = await send(tooMany);
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('too_large');
    expect(await revealRows(tooMany[0]?.id ?? '')).toEqual([]);

    const anonymous = await server.call('POST', '/api/audit/reveals', {
      body: { protocol: 1, clientId, entries: [entry()] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('accepts 500 entries in one request', async () => {
    const batch = Array.from({ length: 500 }, () => entry());
    const reply = await send(batch);
    expect(reply.status).toBe(200);
    expect(reply.body.results.every((r: { status: string }) => r.status === 'recorded')).toBe(true);
  });
});
