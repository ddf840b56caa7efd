import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  emptyStorage,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  TIEQIAO_GRID_1,
} from '../support/test-server';
import { type AdminRun, adminRunner } from './admin-runner';

const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(DIALECTS)('admin CLI (%s)', (dialect) => {
  let storage: { config: DatabaseConfig; drop(): Promise<void> };
  /** The server's own connection; each CLI run opens and closes its own, like the real process. */
  let db: Kysely<Database>;
  let app: Hono;

  beforeAll(async () => {
    storage = await emptyStorage(dialect);
    db = await openDatabase(storage.config);
    await seedDemoData(db, NOW);
    app = createApp({ db, now: () => NOW, demoAccounts: false });
  });
  afterAll(async () => {
    await db.destroy();
    await storage.drop();
  });

  const admin: AdminRun = (...argv) =>
    adminRunner(
      () => openDatabase(storage.config),
      () => NOW,
    )(...argv);

  async function login(username: string, password: string) {
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: login and error bodies.
    return { status: response.status, body: (await response.json()) as any };
  }

  async function get(path: string, token: string) {
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    // biome-ignore lint/suspicious/noExplicitAny: several answer shapes.
    return { status: response.status, body: (await response.json()) as any };
  }

  async function auditRows(action: string) {
    return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();
  }

  it('creates a user who can sign in and sees the grids of the assigned orgs', async () => {
    const result = await admin(
      'create-user',
      '--username',
      'wang.fang',
      '--name',
      '王芳',
      '--role',
      'fullTimeGridWorker',
      '--password',
      'field-work-2026',
      '--assign',
      `${HUBIN_GRID_1},${HUBIN_GRID_2}`,
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Created wang.fang');
    expect(result.out).not.toContain('field-work-2026');

    const reply = await login('wang.fang', 'field-work-2026');
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({
      name: '王芳',
      role: 'fullTimeGridWorker',
      scope: { gridIds: [HUBIN_GRID_1, HUBIN_GRID_2] },
    });
  });

  it('generates a password when none is given, prints it once and stores only its hash', async () => {
    const result = await admin(
      'create-user',
      ...[
        '--username',
        'li.qiang',
        '--name',
        '李强',
        '--role',
        'communityPolice',
        '--assign',
        'dachang-hubin',
      ],
    );
    expect(result.code).toBe(0);
    const password = /shown only this once.*: (\S+)$/m.exec(result.out)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
    expect((await login('li.qiang', password)).status).toBe(200);
    const row = await db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'li.qiang')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('refuses unknown roles and orgs, weak passwords and taken usernames, clearly and without changes', async () => {
    const base = ['create-user', '--username', 'zhao.min', '--name', '赵敏'];
    const usersBefore = await db.selectFrom('users').select('id').execute();
    const cases = [
      {
        argv: [...base, '--role', 'sheriff', '--assign', HUBIN_GRID_1],
        message: /Unknown role "sheriff"\. Roles: fullTimeGridWorker \(专职网格员\)/,
      },
      {
        argv: [...base, '--role', 'mediator', '--assign', `${HUBIN_GRID_1},nowhere-01`],
        message: /Unknown org id: nowhere-01\. Run list-orgs/,
      },
      {
        argv: [...base, '--role', 'mediator', '--assign', HUBIN_GRID_1, '--password', 'short7!'],
        message: /too weak: use at least 8 characters/,
      },
      {
        argv: [
          'create-user',
          '--username',
          'wang.fang',
          '--name',
          'X',
          '--role',
          'mediator',
          '--assign',
          HUBIN_GRID_1,
        ],
        message: /The username "wang\.fang" is taken/,
      },
      {
        argv: [...base, '--role', 'mediator', '--assign', ' , '],
        message: /at least one org id/,
      },
    ];
    for (const { argv, message } of cases) {
      const result = await admin(...argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err).toMatch(message);
      expect(result.out).toBe('');
    }
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(usersBefore.length);
  });

  it('refuses bad usage with exit code 2 and the usage line', async () => {
    expect(await admin()).toMatchObject({ code: 2, err: expect.stringContaining('Commands:') });
    expect(await admin('delete-everything')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown command "delete-everything"'),
    });
    const missing = await admin('assign', '--username', 'wang.fang');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Missing --orgs.');
    expect(missing.err).toContain('Usage: npm run admin -- assign --username U --orgs');
    const unknownOption = await admin('list-users', '--all');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("'--all'");
  });

  it('answers unknown usernames with exit code 1 for every command that takes one', async () => {
    for (const argv of [
      ['assign', '--username', 'ghost', '--orgs', HUBIN_GRID_1],
      ['reset-password', '--username', 'ghost'],
      ['revoke-sessions', '--username', 'ghost'],
    ]) {
      const result = await admin(...argv);
      expect(result.code, argv[0]).toBe(1);
      expect(result.err).toBe('Error: Unknown user "ghost". Run list-users to see the usernames.');
    }
  });

  it('replaces assignments, so the next pull resets to the new scope', async () => {
    const { body } = await login('wang.fang', 'field-work-2026');
    const clientId = randomUUID();
    const first = await get(`/api/sync/pull?clientId=${clientId}`, body.token);
    expect(first.status).toBe(200);

    const result = await admin('assign', '--username', 'wang.fang', '--orgs', TIEQIAO_GRID_1);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`wang.fang: ${HUBIN_GRID_1}, ${HUBIN_GRID_2} → ${TIEQIAO_GRID_1}.`);

    expect((await get('/api/me', body.token)).body.user.scope.gridIds).toEqual([TIEQIAO_GRID_1]);
    const next = await get(`/api/sync/pull?clientId=${clientId}&cursor=${first.body.cursor}`, body.token);
    expect(next.body.reset).toBe(true);
    expect(next.body.changes.every((record: { gridId: string }) => record.gridId === TIEQIAO_GRID_1)).toBe(
      true,
    );
  });

  it('revokes every session of a user: each token answers 401 "Session revoked", other users stay in', async () => {
    expect(
      (await admin('reset-password', '--username', 'li.qiang', '--password', 'new-password-1')).code,
    ).toBe(0);
    const phone = (await login('li.qiang', 'new-password-1')).body;
    const tablet = (await login('li.qiang', 'new-password-1')).body;
    const other = (await login('wang.fang', 'field-work-2026')).body;

    const result = await admin('revoke-sessions', '--username', 'li.qiang');
    // The two above and the one from the test that created the account.
    expect(result).toMatchObject({ code: 0, out: 'Revoked 3 sessions of li.qiang.' });

    for (const token of [phone.token, tablet.token]) {
      const me = await get('/api/me', token);
      expect(me.status).toBe(401);
      expect(me.body.error).toMatchObject({
        code: 'unauthorized',
        message: expect.stringMatching(/^Session revoked/),
      });
    }
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, phone.user.id);
    const push = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${phone.token}` },
      body: JSON.stringify({ protocol: 1, clientId: randomUUID(), mutations: [mutation(record)] }),
    });
    expect(push.status).toBe(401);
    expect((await get('/api/me', other.token)).status).toBe(200);
    // Signing in again works at once.
    expect((await login('li.qiang', 'new-password-1')).status).toBe(200);
  });

  it('resets a password: the old one stops working, and a sign-in lockout is lifted', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('wang.fang', 'wrong password')).status).toBe(401);
    expect((await login('wang.fang', 'field-work-2026')).status).toBe(429);

    const weak = await admin('reset-password', '--username', 'wang.fang', '--password', '1234567');
    expect(weak.code).toBe(1);
    const result = await admin('reset-password', '--username', 'wang.fang');
    expect(result.code).toBe(0);
    const password = /shown only this once.*: (\S+)$/m.exec(result.out)?.[1] ?? '';
    expect((await login('wang.fang', 'field-work-2026')).status).toBe(401);
    expect((await login('wang.fang', password)).status).toBe(200);
  });

  it('writes an audit row for every change, naming the operator and never a password', async () => {
    const created = await auditRows('admin.createUser');
    expect(created.map((row) => JSON.parse(row.after ?? '{}').username)).toEqual(['wang.fang', 'li.qiang']);
    expect(created[0]?.user_id).toBe('cli:tester');
    expect(JSON.parse(created[0]?.after ?? '{}')).toMatchObject({
      role: 'fullTimeGridWorker',
      orgIds: [HUBIN_GRID_1, HUBIN_GRID_2],
    });
    const assigned = await auditRows('admin.assign');
    expect(assigned).toHaveLength(1);
    expect(JSON.parse(assigned[0]?.before ?? '{}').orgIds).toEqual([HUBIN_GRID_1, HUBIN_GRID_2]);
    expect(JSON.parse(assigned[0]?.after ?? '{}').orgIds).toEqual([TIEQIAO_GRID_1]);
    expect(await auditRows('admin.resetPassword')).toHaveLength(2);
    expect(JSON.parse((await auditRows('admin.revokeSessions'))[0]?.after ?? '{}')).toMatchObject({
      revoked: 3,
    });

    const everything = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['field-work-2026', 'new-password-1', 'scrypt$'])
      expect(everything).not.toContain(secret);
  });

  it('lists users with role and orgs, and the org tree below a node', async () => {
    const users = await admin('list-users');
    expect(users.code).toBe(0);
    const wang = users.out.split('\n').find((line) => line.startsWith('wang.fang '));
    expect(wang).toMatch(/fullTimeGridWorker\s+taishan-tieqiao-01\s+王芳 专职网格员$/);
    expect(users.out).toMatch(/^hb-grid01 .* \[demo\]$/m);

    const orgs = await admin('list-orgs', '--under', 'dachang-hubin');
    expect(orgs.code).toBe(0);
    const lines = orgs.out.split('\n');
    expect(lines[0]).toBe('dachang-hubin  community  湖滨社区');
    expect(lines).toContain(`  ${HUBIN_GRID_1}  grid  第一网格`);
    expect(lines.every((line) => line.includes('dachang-hubin'))).toBe(true);

    const all = await admin('list-orgs');
    expect(all.out.split('\n')[0]).toMatch(/^\S+ {2}district {2}/);
    expect(all.out).toContain('\n  dachang  street  大厂街道');

    expect(await admin('list-orgs', '--under', 'atlantis')).toMatchObject({
      code: 1,
      err: 'Error: Unknown org id "atlantis". Run list-orgs to see the ids.',
    });
  });
});
