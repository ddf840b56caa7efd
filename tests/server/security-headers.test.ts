import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { serveBuiltApp } from '../../src/server/serve-built-app';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { DIALECTS, startTestServer, type TestServer } from '../support/test-server';

const EXPECTED_CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
];

function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  const directives = csp.split(';').map((directive) => directive.trim());
  for (const directive of EXPECTED_CSP_DIRECTIVES) expect(directives, `${what}: CSP`).toContain(directive);
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
}

describe.each(DIALECTS)('security headers (%s)', (dialect) => {
  let server: TestServer;
  let app: Hono;
  const dist = mkdtempSync(join(tmpdir(), 'gridkeeper-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>网格管家</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'index-Bx7a9Q2c.js'), 'console.log(1);');
    server = await startTestServer(dialect);
    app = createApp({ db: server.db, now: () => server.clock.now });
    serveBuiltApp(app, dist);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('are on API answers, which are never stored by a cache', async () => {
    const { token } = await server.login('hb-grid01');
    const answers = {
      health: await app.request('/api/health'),
      me: await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } }),
      unauthorized: await app.request('/api/me'),
      notFound: await app.request('/api/nothing-here'),
      badLogin: await app.request('/api/auth/login', { method: 'POST', body: '{' }),
    };
    expect(answers.me.status).toBe(200);
    expect(answers.unauthorized.status).toBe(401);
    for (const [what, response] of Object.entries(answers)) {
      expectSecurityHeaders(response, what);
      expect(response.headers.get('cache-control'), what).toBe('no-store');
    }
  });

  it('are on index.html, client-side routes and static files, which keep their own caching', async () => {
    for (const path of ['/', '/index.html', '/records/new', '/sw.js']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
    const asset = await app.request('/assets/index-Bx7a9Q2c.js');
    expectSecurityHeaders(asset, 'asset');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await app.request('/assets/missing-123.js');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, 'missing asset');
  });

  it('leave a photo GET its own caching, but not its errors', async () => {
    const { token } = await server.login('hb-grid02');
    const bytes = samplePng(7);
    const sha256 = sha256Hex(bytes);
    const auth = { authorization: `Bearer ${token}` };
    const put = await app.request(`/api/photos/${sha256}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'image/png' },
      body: bytes,
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('cache-control')).toBe('no-store');
    const photo = await app.request(`/api/photos/${sha256}`, { headers: auth });
    expect(photo.status).toBe(200);
    expectSecurityHeaders(photo, 'photo');
    expect(photo.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
    const unknown = await app.request(`/api/photos/${'0'.repeat(64)}`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
  });

  it('are on the answer saying the app is not built', async () => {
    const bare = createApp({ db: server.db });
    serveBuiltApp(bare, join(dist, 'nowhere'));
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expectSecurityHeaders(response, 'not built');
  });
});

describe('the built app under the Content-Security-Policy', () => {
  const indexPath = join(import.meta.dirname, '../../dist/index.html');

  it.skipIf(!existsSync(indexPath))('has no inline script or style element in index.html', () => {
    const html = readFileSync(indexPath, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});
