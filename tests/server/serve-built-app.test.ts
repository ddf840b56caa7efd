import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { serveBuiltApp } from '../../src/server/serve-built-app';
import { startTestServer, type TestServer } from '../support/test-server';

describe('serving the built app', () => {
  let server: TestServer;
  let app: Hono;
  const dist = mkdtempSync(join(tmpdir(), 'gridkeeper-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>网格管家</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'index-Bx7a9Q2c.js'), 'console.log(1);');
    writeFileSync(join(dist, 'assets', 'manifest-Cq3k8Z1a.webmanifest'), '{"name":"网格管家"}');
    mkdirSync(join(dist, 'icons'));
    writeFileSync(join(dist, 'icons', 'icon-192.png'), 'png');
    // Build metadata Vite writes next to the app (the budget tests read it from disk, not over HTTP).
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, '.vite', 'manifest.json'), '{"index.html":{"file":"assets/index-Bx7a9Q2c.js"}}');
    writeFileSync(join(dist, '.env'), 'SECRET=1');
    writeFileSync(join(dist, 'assets', '.hidden.js'), 'console.log(2);');
    server = await startTestServer('sqlite');
    app = createApp({ db: server.db });
    expect(serveBuiltApp(app, dist)).toBe(true);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html and sw.js with no-cache, so an update reaches the phone', async () => {
    for (const path of ['/', '/index.html', '/sw.js']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const response = await app.request('/assets/index-Bx7a9Q2c.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('serves the manifest and the icons, but no dotfile or dot-directory (build metadata stays private)', async () => {
    for (const path of ['/assets/manifest-Cq3k8Z1a.webmanifest', '/icons/icon-192.png']) {
      expect((await app.request(path)).status, path).toBe(200);
    }
    for (const path of ['/.vite/manifest.json', '/.env', '/assets/.hidden.js', '/%2evite/manifest.json']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toMatch(/index-Bx7a9Q2c|SECRET|console/);
    }
  });

  it('answers client-side routes with index.html, but not missing files or API routes', async () => {
    const route = await app.request('/records/0190a5d2-7a3b-7c4d-8e9f-0123456789ab');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('网格管家');
    expect((await app.request('/assets/missing-123.js')).status).toBe(404);
    const api = await app.request('/api/unknown');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('says clearly that the app is not built when dist/ is missing', async () => {
    const bare = createApp({ db: server.db });
    expect(serveBuiltApp(bare, join(dist, 'nowhere'))).toBe(false);
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
    expect((await bare.request('/api/health')).status).toBe(200);
  });
});
