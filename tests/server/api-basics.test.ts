import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, healthResponseSchema } from '../../src/domain/protocol';
import { DIALECTS, HUBIN_GRID_1, startTestServer, type TestServer } from '../support/test-server';

describe.each(DIALECTS)('api basics (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('answers health without a token', async () => {
    const reply = await server.call('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(healthResponseSchema.parse(reply.body)).toEqual({ ok: true, version: 'test' });
  });

  it('answers the caller’s grids as GeoJSON with community and street', async () => {
    const { token } = await server.login('hb-grid01');
    const reply = await server.call('GET', '/api/grids', { token });
    expect(reply.status).toBe(200);
    expect(reply.body.type).toBe('FeatureCollection');
    expect(reply.body.features).toHaveLength(1);
    expect(reply.body.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Polygon' },
      properties: {
        id: HUBIN_GRID_1,
        name: '第一网格',
        communityId: 'dachang-hubin',
        communityName: '湖滨社区',
        streetId: 'dachang',
        streetName: '大厂街道',
      },
    });
    const street = await server.call('GET', '/api/grids', { token: (await server.login('dc-admin')).token });
    expect(street.body.features.length).toBeGreaterThan(3);
    expect((await server.call('GET', '/api/grids')).status).toBe(401);
  });

  it('answers unknown /api routes with a JSON 404 not_found', async () => {
    const reply = await server.call('GET', '/api/nothing-here');
    expect(reply.status).toBe(404);
    expect(errorResponseSchema.parse(reply.body).error.code).toBe('not_found');
  });
});

describe('unexpected errors', () => {
  it('answer 500 internal without leaking the cause', async () => {
    const server = await startTestServer('sqlite');
    const { token } = await server.login('hb-grid01');
    await server.db.schema.dropTable('audit_log').execute();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const reply = await server.call('POST', '/api/auth/logout', { token });
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await server.close();
    }
  });
});
