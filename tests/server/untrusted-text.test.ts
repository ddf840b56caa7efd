/**
 * NUL, other control characters and bidi overrides sent to every endpoint that takes text, on both
 * databases: each is refused before the database with a 4xx (or, inside a push or a reveal batch,
 * a `rejected` result) naming the field, and no table changes. On PostgreSQL a NUL used to reach
 * the driver and answer 500 (and a reveal batch with one such note was refused whole for ever).
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

const UNSAFE = ['\u0000', '\u001b[2J', '\t', '\u0085', '\u202e', '\u2067', '\ud800'];
const TABLES = [
  'records',
  'record_revisions',
  'mutations',
  'audit_log',
  'clients',
  'sessions',
  'login_throttle',
  'photos',
] as const;

describe.each(DIALECTS)('untrusted text (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  const clientId = randomUUID();

  /** Every row of every table a request could write, hashed. */
  async function snapshot(): Promise<string> {
    const parts: string[] = [];
    for (const table of TABLES) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        server.db,
      );
      const sorted = rows.map((row) => JSON.stringify(row)).sort();
      parts.push(`${table}:${createHash('sha256').update(sorted.join('\n')).digest('hex')}`);
    }
    return parts.join(' ');
  }

  /** Runs `request`, expects a 4xx validation naming `path`, and the database as it was. */
  async function refused(path: string, request: () => Promise<{ status: number; body: unknown }>) {
    const before = await snapshot();
    const reply = await request();
    expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    const error = (reply.body as { error: { code: string; issues?: { path: string }[] } }).error;
    expect(error.code).toBe('validation');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await snapshot()).toBe(before);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
    // The client id is claimed once here, so a refused request below has nothing left to write.
    expect((await server.pull(worker.token, clientId)).status).toBe(200);
  });
  afterAll(() => server.close());

  it('refuses them in the username and control characters in the password of a sign-in', async () => {
    for (const char of UNSAFE) {
      await refused('username', () =>
        server.call('POST', '/api/auth/login', {
          body: { username: `hb-grid01${char}`, password: 'demo123456' },
        }),
      );
    }
    for (const char of ['\u0000', '\u001b', '\t']) {
      await refused('password', () =>
        server.call('POST', '/api/auth/login', {
          body: { username: 'hb-grid01', password: `demo${char}123456` },
        }),
      );
    }
  });

  it('rejects a pushed record holding them, naming the field, and stores nothing', async () => {
    const cases: [string, (text: string) => Record<string, unknown>][] = [
      ['body.weather', (text) => ({ weather: `晴${text}转阴` })],
      ['body.content', (text) => ({ content: `走访${text}情况` })],
      [
        'body.accompaniedBy.0.name',
        (text) => ({ accompaniedBy: [{ id: randomUUID(), name: `王${text}五` }] }),
      ],
    ];
    for (const [path, bodyWith] of cases) {
      for (const char of UNSAFE) {
        const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
        const bad = { ...record, body: { ...record.body, ...bodyWith(char) } };
        const before = await snapshot();
        const reply = await server.push(worker.token, clientId, [mutation(bad)]);
        expect(reply.status).toBe(200);
        expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
        expect(reply.body.results[0].error.issues.map((issue: { path: string }) => issue.path)).toContain(
          path,
        );
        expect(await snapshot()).toBe(before);
      }
    }
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const envelope = { ...record, createdBy: `${worker.user.id}\u0000` };
    const reply = await server.push(worker.token, clientId, [mutation(envelope)]);
    expect(reply.body.results[0].error.issues.map((issue: { path: string }) => issue.path)).toContain(
      'createdBy',
    );
  });

  it('keeps the line breaks of a multi-line field', async () => {
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const content = '走访3户\n发放资料\r\n一切正常';
    const reply = await server.push(worker.token, clientId, [
      mutation({ ...record, body: { ...record.body, content } }),
    ]);
    expect(reply.body.results[0]).toMatchObject({ status: 'applied', record: { body: { content } } });
  });

  it('refuses them in the push envelope', async () => {
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    await refused('clientId', () => server.push(worker.token, `${clientId}\u0000`, [mutation(record)]));
    await refused('mutations.0.id', () =>
      server.push(worker.token, clientId, [{ ...mutation(record), id: `${randomUUID()}\u0000` }]),
    );
  });

  it('rejects only the reveal entry holding them; the others in the batch are recorded', async () => {
    const row = await server.db
      .selectFrom('records')
      .select(['id', 'body'])
      .where('kind', '=', 'dispute')
      .where('grid_id', '=', HUBIN_GRID_1)
      .executeTakeFirstOrThrow();
    const partyId = JSON.parse(row.body).parties[0].id as string;
    const entry = (reasonNote?: string) => ({
      id: randomUUID(),
      at: '2026-11-26T15:59:00+08:00',
      recordId: row.id,
      field: `body.parties.${partyId}.phone`,
      reason: 'other',
      reasonNote: reasonNote ?? '当事人要求回电',
      offline: false,
    });
    for (const char of UNSAFE) {
      const good = [entry(), entry()];
      const bad = entry(`回电${char}给当事人`);
      const before = await server.count('audit_log');
      const reply = await server.call('POST', '/api/audit/reveals', {
        token: worker.token,
        body: { protocol: 1, clientId, entries: [good[0], bad, good[1]] },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.results).toMatchObject([
        { id: good[0]?.id, status: 'recorded' },
        { id: bad.id, status: 'rejected', error: { code: 'validation', issues: [{ path: 'reasonNote' }] } },
        { id: good[1]?.id, status: 'recorded' },
      ]);
      expect(await server.count('audit_log')).toBe(before + 2);
    }
    await refused('entries.0.id', () =>
      server.call('POST', '/api/audit/reveals', {
        token: worker.token,
        body: { protocol: 1, clientId, entries: [{ ...entry(), id: `${randomUUID()}\u0000` }] },
      }),
    );
  });

  it("refuses them in a photo's id", async () => {
    const sha = 'a'.repeat(63);
    for (const char of ['%00', '%1B', '%E2%80%AE']) {
      await refused('sha256', () => server.call('GET', `/api/photos/${sha}${char}`, { token: worker.token }));
      await refused('sha256', async () => {
        const response = await server.app.request(`/api/photos/${sha}${char}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${worker.token}`, 'content-type': 'image/jpeg' },
          body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
        });
        return { status: response.status, body: await response.json() };
      });
    }
  });

  it('refuses them in the pull parameters', async () => {
    const pull = (query: Record<string, string>) =>
      server.call('GET', `/api/sync/pull?${new URLSearchParams(query)}`, { token: worker.token });
    // A lone surrogate cannot travel in a URL (it is sent as U+FFFD), so it is left out here.
    for (const char of UNSAFE.filter((c) => c !== '\ud800')) {
      await refused('cursor', () => pull({ clientId, cursor: `1.abcdef01${char}` }));
      await refused('clientId', () => pull({ clientId: `${clientId}${char}` }));
      await refused('limit', () => pull({ clientId, limit: `10${char}` }));
    }
  });
});
