import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { unsafeCharacterAt } from '../../src/domain/text';
import { insertRevealAuditEntry } from '../../src/server/db/audit-log.repository';
import { sampleDispute } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { adminRunner, lent } from './admin-runner';

describe.each(DIALECTS)('record history for admins (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  let leader: LoginResponse;
  const workerClient = randomUUID();
  const leaderClient = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
    leader = await server.login('hb-leader');
  });
  afterAll(() => server.close());

  async function history(recordId: string) {
    const { code, out, err } = await adminRunner(
      async () => lent(server.db),
      () => new Date(),
    )('history', '--record', recordId);
    return { code, out: out === '' ? [] : out.split('\n'), err };
  }

  it('lists each change with who, the fields it touched, offline saves, merges and reveals, never values', async () => {
    const created = { ...sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id) };
    const first = await server.push(worker.token, workerClient, [
      { ...mutation(created), madeOffline: true },
    ]);
    expect(first.body.results[0].status).toBe('applied');
    const v1 = first.body.results[0].record;
    const tick = () => {
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    };
    tick();
    // Two edits from rev 1: the second merges (different fields).
    await server.push(worker.token, workerClient, [
      mutation({ ...v1, body: { ...v1.body, summary: '双方同意先由物业查明漏水点' } }, { baseRev: 1 }),
    ]);
    tick();
    const merged = await server.push(leader.token, leaderClient, [
      mutation(
        { ...v1, updatedBy: leader.user.id, body: { ...v1.body, riskLevel: 'orange' } },
        { baseRev: 1 },
      ),
    ]);
    expect(merged.body.results[0].status).toBe('merged');
    tick();
    const partyId = created.body.parties[0]?.id ?? '';
    const reveal = await server.call('POST', '/api/audit/reveals', {
      token: leader.token,
      body: {
        protocol: 1,
        clientId: leaderClient,
        entries: [
          {
            id: randomUUID(),
            at: new Date().toISOString(),
            recordId: created.id,
            field: `body.parties.${partyId}.phone`,
            reason: 'contactParty',
            offline: false,
          },
        ],
      },
    });
    expect(reveal.body.results[0].status).toBe('recorded');

    const { code, out, err } = await history(created.id);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/hb-grid01\s+create\s+rev 1\s+\(device [0-9a-f]{8}, offline\)$/);
    expect(out[1]).toMatch(/hb-grid01\s+update\s+rev 2: body\.summary /);
    expect(out[2]).toMatch(/hb-leader\s+merge\s+rev 3: body\.riskLevel /);
    expect(out[3]).toContain(`revealed body.parties.${partyId}.phone — reason contactParty`);
    // Fields, never values: the party's phone and the summary text are not printed.
    const text = out.join('\n');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('物业查明');
  });

  it('prints what a device sent escaped: an ANSI sequence or a bidi override cannot drive the terminal', async () => {
    const record = sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id);
    expect((await server.push(worker.token, workerClient, [mutation(record)])).body.results[0].status).toBe(
      'applied',
    );
    // Stored before texts were checked (or by a server that did not check them): the terminal is
    // the last line of defence.
    const hostile = '\u001b[2J\u001b[H2026-11-26T08:00:00.000Z  root  delete\n伪造\u202e\u0007';
    await insertRevealAuditEntry(server.db, {
      id: randomUUID(),
      at: server.clock.now.toISOString(),
      deviceAt: server.clock.now.toISOString(),
      userId: worker.user.id,
      clientId: `${workerClient}\u001b[31m`,
      recordId: record.id,
      kind: 'dispute',
      field: 'body.parties\u001b[1A',
      reason: 'other\u009b',
      reasonNote: hostile,
      offline: false,
    });
    const { code, out } = await history(record.id);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    const printed = out.join('\n');
    const revealed = out.find((line) => line.includes('revealed')) ?? '';
    expect(unsafeCharacterAt(printed, { multiline: true })).toBeUndefined();
    expect(revealed).toContain(
      '\\u001b[2J\\u001b[H2026-11-26T08:00:00.000Z  root  delete\\u000a伪造\\u202e\\u0007',
    );
    expect(revealed).toContain('body.parties\\u001b[1A');
  });

  it('escapes names from the database in list-users and refuses unsafe text in admin input', async () => {
    await server.db
      .insertInto('users')
      .values({
        id: randomUUID(),
        username: 'legacy-user',
        name: '\u001b[2J张\u202e三\n伪造',
        role: 'fullTimeGridWorker',
        password_hash: 'x',
        demo: 0,
      })
      .execute();
    const run = adminRunner(
      async () => lent(server.db),
      () => new Date(),
    );
    const users = await run('list-users');
    const line = users.out.split('\n').find((l) => l.startsWith('legacy-user'));
    expect(line).toContain('\\u001b[2J张\\u202e三\\u000a伪造');
    expect(unsafeCharacterAt(users.out, { multiline: true })).toBeUndefined();

    const badName = await run(
      'create-user',
      '--username',
      'new-user',
      '--name',
      '王\u202e五',
      '--role',
      'mediator',
      '--assign',
      HUBIN_GRID_1,
    );
    expect(badName.code).toBe(1);
    expect(badName.err).toContain('control characters or bidi overrides');
    const badPassword = await run(
      'reset-password',
      '--username',
      'hb-grid01',
      '--password',
      'longenough\u0000x',
    );
    expect(badPassword.code).toBe(1);
    expect(badPassword.err).toContain('control characters');
    const nul = await run('revoke-sessions', '--username', 'hb-grid01\u0000');
    expect(nul.code).toBe(1);
    expect(nul.err).toContain('Unknown user "hb-grid01\\u0000"');
  });

  it('says clearly when a record has no history or the id is not one', async () => {
    const unknown = await history(randomUUID());
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('No history');
    const bad = await history('x; DROP TABLE records');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('not a record id');
  });
});
