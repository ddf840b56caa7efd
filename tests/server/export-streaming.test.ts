/**
 * Export streams (issue 13 item 4: "100,000 rows stream without being held in memory"), on both
 * databases: the CSV of 100,000 events reaches the client in many chunks, and its first rows
 * arrive while the export's audit row still says `started` — the server had not read the rows
 * to the end before sending. A client that goes away mid-file leaves the row `failed` with the
 * rows written so far. Peak memory is measured in bench/export.ts, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { EXPORT_PAGE_ROWS } from '../../src/server/export/export-rows';
import { insertManyEvents } from '../support/many-events';
import {
  DIALECTS,
  HUBIN_GRID_1,
  startTestServer,
  TEST_BASE_URL,
  type TestServer,
} from '../support/test-server';

const ROWS = 100_000;
const NEWLINE = 0x0a;

describe.each(DIALECTS)('export of 100,000 rows (%s)', (dialect) => {
  let server: TestServer;
  let admin: LoginResponse;
  let demoEvents = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.login('hb-admin');
    const before = await server.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'gridEvent')
      .where('deleted', '=', 0)
      .where('grid_id', 'in', admin.user.scope.gridIds)
      .executeTakeFirstOrThrow();
    demoEvents = Number(before.n);
    const worker = await server.login('hb-grid01');
    await insertManyEvents(server.db, HUBIN_GRID_1, worker.user.id, ROWS, server.clock.now.toISOString());
  }, 300_000);
  afterAll(() => server.close());

  const start = async (format: 'csv' | 'xlsx') => {
    const response = await server.app.request(`${TEST_BASE_URL}/api/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format, kind: 'gridEvent' }),
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('The export has no body');
    return { id: response.headers.get('x-export-id') ?? '', reader };
  };
  const audit = async (id: string) => {
    const row = await server.db
      .selectFrom('audit_log')
      .select('after')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.after ?? 'null') as { outcome: string; rows: number };
  };

  it('sends the CSV page by page while the export is still running', async () => {
    const { id, reader } = await start('csv');
    let chunks = 0;
    let lines = 0;
    let outcomeAtFirstRows: string | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      for (const byte of value) if (byte === NEWLINE) lines += 1;
      // Chunk 1 is the watermark and headers; chunk 2 the first page of rows.
      if (chunks === 2) outcomeAtFirstRows = (await audit(id)).outcome;
    }
    expect(outcomeAtFirstRows).toBe('started');
    expect(chunks).toBeGreaterThanOrEqual(ROWS / EXPORT_PAGE_ROWS);
    expect(lines).toBe(2 + ROWS + demoEvents);
    expect(await audit(id)).toMatchObject({ outcome: 'completed', rows: ROWS + demoEvents });
  }, 120_000);

  it('sends the XLSX in many chunks while the export is still running', async () => {
    const { id, reader } = await start('xlsx');
    let chunks = 0;
    let bytes = 0;
    let outcomeAtFirstChunk: string | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.byteLength;
      if (chunks === 1) outcomeAtFirstChunk = (await audit(id)).outcome;
    }
    expect(outcomeAtFirstChunk).toBe('started');
    expect(chunks).toBeGreaterThan(10);
    expect(bytes).toBeGreaterThan(ROWS * 10);
    expect(await audit(id)).toMatchObject({ outcome: 'completed', rows: ROWS + demoEvents });
  }, 120_000);

  it('records an export the client abandoned as failed, with the rows written so far', async () => {
    const { id, reader } = await start('csv');
    for (let i = 0; i < 3; i++) await reader.read();
    await reader.cancel();
    const details = await audit(id);
    expect(details.outcome).toBe('failed');
    expect(details.rows).toBeGreaterThan(0);
    expect(details.rows).toBeLessThan(ROWS);
  });
});
