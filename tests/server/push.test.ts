import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPersonalData } from '../../src/domain/personal-fields';
import { type LoginResponse, MAX_PUSH_BYTES, pushResponseSchema } from '../../src/domain/protocol';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

describe.each(DIALECTS)('push (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  const clientId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
  });
  afterAll(() => server.close());

  const patrol = (gridId = HUBIN_GRID_1) => samplePatrol(randomUUID(), gridId, worker.user.id);

  describe('applied', () => {
    it('creates a record at rev 1, then updates it to rev 2 from baseRev 1', async () => {
      const record = patrol();
      const created = await server.push(worker.token, clientId, [mutation(record)]);
      expect(created.status).toBe(200);
      const [first] = pushResponseSchema.parse(created.body).results;
      expect(first).toMatchObject({ status: 'applied', rev: 1, record: { id: record.id, rev: 1 } });

      const edited = { ...record, body: { ...record.body, content: '复查：电动车已全部挪出楼道' } };
      const updated = await server.push(worker.token, clientId, [mutation(edited, { baseRev: 1 })]);
      expect(updated.body.results[0]).toMatchObject({
        status: 'applied',
        rev: 2,
        record: { rev: 2, body: { content: '复查：电动车已全部挪出楼道' } },
      });
    });

    it('keeps createdAt/createdBy, sets updatedBy to the caller and updatedAt as sent', async () => {
      const record = { ...patrol(), createdBy: 'someone-else', updatedBy: 'someone-else' };
      await server.push(worker.token, clientId, [mutation(record)]);
      const leader = await server.login('hb-leader');
      const edit = {
        ...record,
        createdAt: '2030-01-01T00:00:00.000Z',
        updatedAt: '2026-11-26T10:00:00.000+08:00',
      };
      const reply = await server.push(leader.token, randomUUID(), [mutation(edit, { baseRev: 1 })]);
      expect(reply.body.results[0].record).toMatchObject({
        createdAt: record.createdAt,
        createdBy: worker.user.id,
        updatedAt: '2026-11-26T10:00:00.000+08:00',
        updatedBy: leader.user.id,
      });
    });

    it('turns a delete into a tombstone that keeps the body without its personal data', async () => {
      const record = patrol();
      await server.push(worker.token, clientId, [mutation(record)]);
      const reply = await server.push(worker.token, clientId, [
        mutation(record, { op: 'delete', baseRev: 1 }),
      ]);
      expect(reply.body.results[0]).toMatchObject({ status: 'applied', rev: 2, record: { deleted: true } });
      const row = await server.db
        .selectFrom('records')
        .selectAll()
        .where('id', '=', record.id)
        .executeTakeFirst();
      expect(row).toMatchObject({ deleted: 1, rev: 2 });
      expect(JSON.parse(row?.body ?? '{}')).toEqual(withoutPersonalData(record).body);
      expect(JSON.parse(row?.body ?? '{}')).toMatchObject({ patrolTypes: record.body.patrolTypes });
    });

    it('writes an audit row with before and after for each applied mutation', async () => {
      const record = patrol();
      await server.push(worker.token, clientId, [mutation(record)]);
      await server.push(worker.token, clientId, [mutation(record, { baseRev: 1, op: 'delete' })]);
      const rows = await server.db
        .selectFrom('audit_log')
        .selectAll()
        .where('record_id', '=', record.id)
        .orderBy('at')
        .execute();
      expect(rows.map((row) => row.action).sort()).toEqual(['create', 'delete']);
      const deletion = rows.find((row) => row.action === 'delete');
      expect(JSON.parse(deletion?.before ?? 'null')).toMatchObject({ rev: 1, deleted: false });
      expect(JSON.parse(deletion?.after ?? 'null')).toMatchObject({ rev: 2, deleted: true });
      expect(deletion).toMatchObject({ user_id: worker.user.id, client_id: clientId, kind: 'patrol' });
    });
  });

  describe('duplicate', () => {
    it('returns duplicate for a replayed batch and stores nothing twice', async () => {
      const batch = [mutation(patrol()), mutation(sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id))];
      const first = await server.push(worker.token, clientId, batch);
      expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
      const before = {
        records: await server.count('records'),
        audit: await server.count('audit_log'),
        mutations: await server.count('mutations'),
      };

      const replay = await server.push(worker.token, clientId, batch);
      expect(replay.status).toBe(200);
      expect(replay.body.results).toEqual(
        first.body.results.map((result: object) => ({ ...result, status: 'duplicate' })),
      );
      expect({
        records: await server.count('records'),
        audit: await server.count('audit_log'),
        mutations: await server.count('mutations'),
      }).toEqual(before);
    });

    it('answers duplicate with the first rev even after the record moved on', async () => {
      const record = patrol();
      const create = mutation(record);
      await server.push(worker.token, clientId, [create]);
      await server.push(worker.token, clientId, [mutation(record, { baseRev: 1 })]);
      const replay = await server.push(worker.token, clientId, [create]);
      expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', rev: 1, record: { rev: 1 } });
    });

    it('does not reveal the result of another user’s mutation id', async () => {
      const create = mutation(patrol());
      await server.push(worker.token, clientId, [create]);
      const other = await server.login('hb-grid02');
      const reply = await server.push(other.token, randomUUID(), [create]);
      expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
      expect(reply.body.results[0].record).toBeUndefined();
    });
  });

  describe('conflict', () => {
    it('answers conflict with the server record when a stale edit changed the same field', async () => {
      const record = patrol();
      await server.push(worker.token, clientId, [mutation(record)]);
      const current = { ...record, body: { ...record.body, content: '服务器上的新版本' } };
      await server.push(worker.token, clientId, [mutation(current, { baseRev: 1 })]);
      const stale = { ...record, body: { ...record.body, content: '离线时改的旧版本' } };
      const records = await server.count('records');
      const audit = await server.count('audit_log');

      const reply = await server.push(worker.token, clientId, [mutation(stale, { baseRev: 1 })]);
      expect(reply.body.results[0]).toMatchObject({
        status: 'conflict',
        record: { id: record.id, rev: 2, body: { content: '服务器上的新版本' } },
        conflicts: ['body.content'],
      });
      const row = await server.db
        .selectFrom('records')
        .select(['rev', 'body'])
        .where('id', '=', record.id)
        .executeTakeFirst();
      expect(row?.rev).toBe(2);
      expect(row?.body).not.toContain('离线时改的旧版本');
      expect([await server.count('records'), await server.count('audit_log')]).toEqual([records, audit]);
    });

    it('answers conflict for baseRev 0 on a record that already exists, naming the differing fields', async () => {
      const record = patrol();
      await server.push(worker.token, clientId, [mutation(record)]);
      const again = { ...record, body: { ...record.body, householdsVisited: 99 } };
      const reply = await server.push(worker.token, clientId, [mutation(again, { baseRev: 0 })]);
      expect(reply.body.results[0]).toMatchObject({
        status: 'conflict',
        record: { rev: 1 },
        conflicts: ['body.householdsVisited'],
      });
    });

    it('rejects not_found for baseRev > 0 on a record the server never had', async () => {
      const reply = await server.push(worker.token, clientId, [mutation(patrol(), { baseRev: 3 })]);
      expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    });
  });

  describe('rejected', () => {
    it('rejects an invalid record naming the field, while the rest of the batch applies', async () => {
      const good = patrol();
      const bad = { ...patrol(), body: { ...patrol().body, householdsVisited: -1 } };
      const alsoGood = sampleRentalInspection(randomUUID(), HUBIN_GRID_1, worker.user.id);
      const reply = await server.push(worker.token, clientId, [
        mutation(good),
        mutation(bad),
        mutation(alsoGood),
      ]);
      expect(reply.status).toBe(200);
      const [first, second, third] = reply.body.results;
      expect(first.status).toBe('applied');
      expect(third.status).toBe('applied');
      expect(second).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
      expect(second.error.issues.map((issue: { path: string }) => issue.path)).toContain(
        'body.householdsVisited',
      );
      const stored = await server.db.selectFrom('records').select('id').where('id', '=', bad.id).execute();
      expect(stored).toEqual([]);
    });

    it('rejects forbidden for a grid outside the caller’s scope', async () => {
      const reply = await server.push(worker.token, clientId, [mutation(patrol(TIEQIAO_GRID_1))]);
      expect(reply.status).toBe(200);
      expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    });

    it('rejects forbidden for moving a record out of another grid the caller cannot see', async () => {
      const other = await server.login('hb-grid02');
      const record = samplePatrol(randomUUID(), HUBIN_GRID_2, other.user.id);
      await server.push(other.token, randomUUID(), [mutation(record)]);
      const moved = { ...record, gridId: HUBIN_GRID_1 };
      const reply = await server.push(worker.token, clientId, [mutation(moved, { baseRev: 1 })]);
      expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    });

    it('rejects a mutation that changes the kind of an existing record', async () => {
      const record = patrol();
      await server.push(worker.token, clientId, [mutation(record)]);
      const asDispute = { ...sampleDispute(record.id, HUBIN_GRID_1, worker.user.id) };
      const reply = await server.push(worker.token, clientId, [mutation(asDispute, { baseRev: 1 })]);
      expect(reply.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
    });
  });

  describe('the whole request', () => {
    const push = (body: unknown, token = worker.token) =>
      server.call('POST', '/api/sync/push', { token, body });

    it('answers 400 validation for malformed JSON, an unknown field or a missing clientId', async () => {
      const malformed = await server.call('POST', '/api/sync/push', {
        token: worker.token,
        raw: '{"protocol":1,',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('validation');

      const unknownField = await push({ protocol: 1, clientId, mutations: [mutation(patrol())], extra: 1 });
      expect(unknownField.status).toBe(400);

      const noClient = await push({ protocol: 1, mutations: [mutation(patrol())] });
      expect(noClient.status).toBe(400);
      expect(noClient.body.error.issues).toEqual([expect.objectContaining({ path: 'clientId' })]);
    });

    it('answers 401 without a token and changes nothing', async () => {
      const records = await server.count('records');
      const reply = await server.call('POST', '/api/sync/push', {
        body: { protocol: 1, clientId, mutations: [mutation(patrol())] },
      });
      expect(reply.status).toBe(401);
      expect(await server.count('records')).toBe(records);
    });

    it('answers 413 too_large above 500 mutations', async () => {
      const mutations = Array.from({ length: 501 }, () => mutation(patrol()));
      const reply = await push({ protocol: 1, clientId, mutations });
      expect(reply.status).toBe(413);
      expect(reply.body.error.code).toBe('too_large');
    });

    it('answers 413 too_large for a body above 4 MB, declared or not', async () => {
      const huge = JSON.stringify({ protocol: 1, clientId, mutations: [], pad: 'x'.repeat(MAX_PUSH_BYTES) });
      const reply = await server.call('POST', '/api/sync/push', { token: worker.token, raw: huge });
      expect(reply.status).toBe(413);

      const declared = await server.app.request('/api/sync/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${worker.token}`, 'content-length': String(MAX_PUSH_BYTES + 1) },
        body: '{}',
      });
      expect(declared.status).toBe(413);
    });

    it('answers 403 when the clientId belongs to another user', async () => {
      const other = await server.login('hb-grid02');
      const reply = await server.push(other.token, clientId, [mutation(patrol(HUBIN_GRID_2))]);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    });
  });
});
