/**
 * A phone's wrong clock (domain/device-clock.ts): record times before 2020 or more than a day ahead
 * of the server are rejected naming the field, days that do not exist are rejected, and the server
 * keeps its own receive time of every applied write (`records.received_at`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_CLOCK_MESSAGE } from '../../src/domain/device-clock';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

describe.each(DIALECTS)('record times on push (%s)', (dialect) => {
  let server: TestServer;
  let worker: LoginResponse;
  const clientId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    worker = await server.login('hb-grid01');
  });
  afterAll(() => server.close());

  async function rejectedPaths(record: GridRecord, baseRev = 0): Promise<string[]> {
    const before = await server.count('records');
    const reply = await server.push(worker.token, clientId, [mutation(record, { baseRev })]);
    expect(reply.status).toBe(200);
    const [result] = reply.body.results;
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
    expect(await server.count('records')).toBe(before);
    return result.error.issues.map((issue: { path: string }) => issue.path);
  }

  function receivedAt(id: string) {
    return server.db
      .selectFrom('records')
      .select(['received_at', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('rejects a record stamped in 2999 or before 2020, naming createdAt and updatedAt', async () => {
    const future = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id) };
    future.createdAt = '2999-01-01T00:00:00.000Z';
    future.updatedAt = '2999-01-01T00:00:00.000Z';
    expect(await rejectedPaths(future)).toEqual(['createdAt', 'updatedAt']);

    const past = { ...samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id) };
    past.createdAt = '1970-01-01T00:00:00.000Z';
    past.updatedAt = '1970-01-01T00:00:00.000Z';
    const reply = await server.push(worker.token, clientId, [mutation(past)]);
    expect(reply.body.results[0].error.issues).toEqual([
      { path: 'createdAt', message: DEVICE_CLOCK_MESSAGE },
      { path: 'updatedAt', message: DEVICE_CLOCK_MESSAGE },
    ]);
  });

  it('accepts a clock up to a day ahead of the server, and not more', async () => {
    const ahead = (ms: number) => new Date(server.clock.now.getTime() + ms).toISOString();
    const fine = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    fine.createdAt = ahead(23 * 3600_000);
    fine.updatedAt = fine.createdAt;
    const reply = await server.push(worker.token, clientId, [mutation(fine)]);
    expect(reply.body.results[0].status).toBe('applied');

    const tooFar = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    tooFar.createdAt = ahead(25 * 3600_000);
    tooFar.updatedAt = tooFar.createdAt;
    expect(await rejectedPaths(tooFar)).toEqual(['createdAt', 'updatedAt']);
  });

  it('rejects a future moment in a body (登记时间, a flow step), which would keep a case from falling due', async () => {
    const dispute = sampleDispute(randomUUID(), HUBIN_GRID_1, worker.user.id);
    dispute.body.registeredAt = '2999-01-01T09:00:00+08:00';
    expect(await rejectedPaths(dispute)).toEqual(['body.registeredAt']);

    const patrol = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    patrol.body.startedAt = '2031-05-01T09:00:00+08:00';
    expect(await rejectedPaths(patrol)).toEqual(['body.startedAt']);
  });

  it('checks updatedAt on every write, and ignores a pushed createdAt once the record is stored', async () => {
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const first = await server.push(worker.token, clientId, [mutation(record)]);
    expect(first.body.results[0]).toMatchObject({ status: 'applied', rev: 1 });

    const edit = { ...record, rev: 1, updatedAt: '2999-06-01T00:00:00.000Z' };
    expect(await rejectedPaths(edit, 1)).toEqual(['updatedAt']);

    const late = { ...record, rev: 1, createdAt: '2999-06-01T00:00:00.000Z', updatedAt: record.updatedAt };
    const reply = await server.push(worker.token, clientId, [mutation(late, { baseRev: 1 })]);
    expect(reply.body.results[0]).toMatchObject({
      status: 'applied',
      record: { createdAt: record.createdAt },
    });
  });

  it('keeps its own receive time of every applied write, whatever the phone said', async () => {
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, worker.user.id);
    record.createdAt = '2026-11-20T09:30:00.000+08:00';
    record.updatedAt = record.createdAt;
    await server.push(worker.token, clientId, [mutation(record)]);
    expect(await receivedAt(record.id)).toEqual({
      received_at: server.clock.now.toISOString(),
      updated_at: record.updatedAt,
    });

    const saved = server.clock.now;
    server.clock.now = new Date(saved.getTime() + 3600_000);
    try {
      const edit = { ...record, rev: 1, body: { ...record.body, content: '补充走访情况' } };
      const reply = await server.push(worker.token, clientId, [mutation(edit, { baseRev: 1 })]);
      expect(reply.body.results[0].status).toBe('applied');
      expect((await receivedAt(record.id)).received_at).toBe(server.clock.now.toISOString());
    } finally {
      server.clock.now = saved;
    }
  });

  it('rejects days and times that do not exist, naming the field', async () => {
    const inspection = sampleRentalInspection(randomUUID(), HUBIN_GRID_1, worker.user.id);
    const [hazard] = inspection.body.hazards;
    if (!hazard) throw new Error('the sample inspection has a hazard');
    const badDay = {
      ...inspection,
      body: { ...inspection.body, hazards: [{ ...hazard, deadline: '2026-02-30' }] },
    };
    expect(await rejectedPaths(badDay)).toContain('body.hazards.0.deadline');

    const badTime = { ...inspection, body: { ...inspection.body, inspectedAt: '2026-04-31T10:00:00+08:00' } };
    expect(await rejectedPaths(badTime)).toContain('body.inspectedAt');
  });
});
