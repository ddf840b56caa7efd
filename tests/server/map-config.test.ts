import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapConfigSchema, type TileSource } from '../../src/domain/map-config';
import { createApp } from '../../src/server/app';
import { DIALECTS, startTestServer, type TestServer } from '../support/test-server';

const TILES: TileSource = {
  url: 'https://tiles.example.org/osm/{z}/{x}/{y}.png',
  type: 'raster',
  minZoom: 12,
  maxZoom: 17,
  attribution: '© 某区测绘',
  tileSize: 256,
};

function cspDirective(response: Response, name: string): string | undefined {
  const csp = response.headers.get('content-security-policy') ?? '';
  return csp
    .split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith(`${name} `));
}

describe.each(DIALECTS)('GET /api/map-config (%s)', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ token } = await server.login('hb-grid01'));
  });
  afterAll(() => server.close());

  it('answers tiles: null and allows no outside host when no basemap is configured', async () => {
    const reply = await server.call('GET', '/api/map-config', { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ tiles: null });
    const response = await server.app.request('/api/health');
    expect(cspDirective(response, 'img-src')).toBe("img-src 'self' blob: data:");
    expect(cspDirective(response, 'connect-src')).toBe("connect-src 'self'");
  });

  it('answers the configured raster source and allows its origin for images and fetches only', async () => {
    const app = createApp({ db: server.db, now: () => server.clock.now, tiles: TILES });
    const response = await app.request('/api/map-config', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = mapConfigSchema.parse(await response.json());
    expect(body).toEqual({ tiles: TILES });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(cspDirective(response, 'img-src')).toBe("img-src 'self' blob: data: https://tiles.example.org");
    expect(cspDirective(response, 'connect-src')).toBe("connect-src 'self' https://tiles.example.org");
    expect(cspDirective(response, 'script-src')).toBe("script-src 'self'");
    expect(cspDirective(response, 'worker-src')).toBe("worker-src 'self'");
  });

  it('adds nothing to the policy for tiles served from our own origin', async () => {
    const app = createApp({
      db: server.db,
      now: () => server.clock.now,
      tiles: { ...TILES, url: '/tiles/{z}/{x}/{y}.png' },
    });
    const response = await app.request('/api/health');
    expect(cspDirective(response, 'img-src')).toBe("img-src 'self' blob: data:");
    expect(cspDirective(response, 'connect-src')).toBe("connect-src 'self'");
  });

  it('needs a signed-in caller', async () => {
    const reply = await server.call('GET', '/api/map-config');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('unauthorized');
  });
});
