/**
 * Remote wipe: `revoke-sessions --wipe` revokes the user's sessions and marks them, so that every
 * authenticated call with one of those tokens answers 401 with the additive `wipe: true`; plain
 * `revoke-sessions` answers 401 without it. The device's acknowledgement is audited once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/domain/protocol';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { type AdminRun, adminRunner, lent } from './admin-runner';

describe.each(DIALECTS)('remote wipe (%s)', (dialect) => {
  let server: TestServer;
  let admin: AdminRun;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = adminRunner(
      async () => lent(server.db),
      () => server.clock.now,
    );
  });
  afterAll(() => server.close());

  const auditRows = (action: string) =>
    server.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();

  it('answers every authenticated call of a wiped session 401 with wipe: true, in the protocol error shape', async () => {
    const phone = await server.login('hb-grid01');
    const tablet = await server.login('hb-grid01');
    const other = await server.login('hb-grid02');

    const result = await admin('revoke-sessions', '--username', 'hb-grid01', '--wipe');
    expect(result.code).toBe(0);
    // Two here, plus none earlier: this user's only sessions.
    expect(result.out).toBe(
      "Revoked 2 sessions of hb-grid01.\n2 device sessions will delete hb-grid01's local data (unsynced records included) at the next contact.",
    );

    const clientId = randomUUID();
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, phone.user.id);
    const calls = [
      () => server.call('GET', '/api/me', { token: phone.token }),
      () => server.pull(phone.token, clientId),
      () => server.push(phone.token, clientId, [mutation(record)]),
      () => server.call('GET', '/api/grids', { token: phone.token }),
      () => server.call('POST', '/api/auth/logout', { token: phone.token }),
      () => server.call('GET', '/api/me', { token: tablet.token }),
    ];
    for (const call of calls) {
      const reply = await call();
      expect(reply.status).toBe(401);
      expect(errorResponseSchema.parse(reply.body).error).toMatchObject({ code: 'unauthorized', wipe: true });
    }
    expect(await server.db.selectFrom('records').select('id').where('id', '=', record.id).execute()).toEqual(
      [],
    );
    // Another user is untouched.
    expect((await server.call('GET', '/api/me', { token: other.token })).status).toBe(200);

    const audit = await auditRows('admin.revokeSessions');
    expect(JSON.parse(audit.at(-1)?.after ?? '{}')).toMatchObject({
      username: 'hb-grid01',
      revoked: 2,
      wipe: true,
      wiping: 2,
    });
  });

  it('reaches a session already revoked without --wipe, and a later expiry does not hide it', async () => {
    const phone = await server.login('hb-aux');
    expect((await admin('revoke-sessions', '--username', 'hb-aux')).code).toBe(0);
    const plain = await server.call('GET', '/api/me', { token: phone.token });
    expect(plain.status).toBe(401);
    expect(plain.body.error.wipe).toBeUndefined();

    const wiped = await admin('revoke-sessions', '--username', 'hb-aux', '--wipe');
    expect(wiped.out).toContain('Revoked 0 sessions of hb-aux.\n1 device session will delete');
    const reply = await server.call('GET', '/api/me', { token: phone.token });
    expect(reply.body.error).toMatchObject({ code: 'unauthorized', wipe: true });

    const now = server.clock.now;
    server.clock.now = new Date(now.getTime() + 31 * 24 * 3_600_000);
    try {
      const late = await server.call('GET', '/api/me', { token: phone.token });
      expect(late.body.error).toMatchObject({ code: 'unauthorized', wipe: true });
    } finally {
      server.clock.now = now;
    }
  });

  it('audits the device acknowledgement once, and only for a session asked to wipe', async () => {
    const phone = await server.login('hb-leader');
    const bystander = await server.login('hb-police');
    expect((await server.call('POST', '/api/auth/wiped', { token: phone.token })).status).toBe(401);
    expect((await server.call('POST', '/api/auth/wiped', { token: bystander.token })).status).toBe(401);
    expect((await server.call('POST', '/api/auth/wiped', {})).status).toBe(401);
    expect(await auditRows('device.wiped')).toEqual([]);

    await admin('revoke-sessions', '--username', 'hb-leader', '--wipe');
    expect((await server.call('POST', '/api/auth/wiped', { token: phone.token })).status).toBe(200);
    expect((await server.call('POST', '/api/auth/wiped', { token: phone.token })).status).toBe(200);
    const acks = await auditRows('device.wiped');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.user_id).toBe(phone.user.id);
    const session = await server.db
      .selectFrom('sessions')
      .select(['wipe_requested_at', 'wiped_at'])
      .where('user_id', '=', phone.user.id)
      .executeTakeFirstOrThrow();
    expect(session.wiped_at).not.toBeNull();
    // The bystander's session is not marked and still works.
    expect((await server.call('GET', '/api/me', { token: bystander.token })).status).toBe(200);
  });

  it('signs in again after a wipe with a fresh session that is not marked', async () => {
    await admin('revoke-sessions', '--username', 'hb-mediator', '--wipe');
    const fresh = await server.login('hb-mediator');
    expect((await server.call('GET', '/api/me', { token: fresh.token })).status).toBe(200);
  });
});
