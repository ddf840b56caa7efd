import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestExport } from '../../src/sync/export-client';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
});

afterAll(async () => {
  await server.close();
});

describe('an export from the device', () => {
  it('comes back as the server’s file, named as the server names it', async () => {
    const admin = await server.login('dc-admin');
    const result = await requestExport({ fetch: server.fetch, baseUrl: TEST_BASE_URL }, admin.token, {
      format: 'csv',
      kind: 'gridEvent',
    });
    expect(result.kind).toBe('file');
    if (result.kind !== 'file') return;
    expect(result.filename).toMatch(new RegExp(`^gridkeeper-gridEvent-\\d{8}-${result.exportId}\\.csv$`));
    const text = await result.blob.text();
    expect(text).toContain(`导出编号：${result.exportId}`);
    expect(text).toContain('已脱敏');
  });

  it('answers a refusal with the field the server named, and a dropped connection as offline', async () => {
    const admin = await server.login('dc-admin');
    const deps = { fetch: server.fetch, baseUrl: TEST_BASE_URL };
    const refused = await requestExport(deps, admin.token, { format: 'csv', kind: 'dispute', masked: false });
    expect(refused).toMatchObject({ kind: 'http-error', status: 400, issues: [{ path: 'reason' }] });
    const worker = await server.login('hb-grid01');
    expect(await requestExport(deps, worker.token, { format: 'xlsx', kind: 'patrol' })).toMatchObject({
      kind: 'http-error',
      status: 403,
    });
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(
      await requestExport({ fetch: offline, baseUrl: TEST_BASE_URL }, admin.token, {
        format: 'csv',
        kind: 'patrol',
      }),
    ).toMatchObject({
      kind: 'network-error',
    });
  });
});
