import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/domain/photo';
import type { LoginResponse } from '../../src/domain/protocol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';

describe.each(DIALECTS)('photos (%s)', (dialect) => {
  let server: TestServer;
  let grid01: LoginResponse;
  let grid02: LoginResponse;
  let police: LoginResponse;
  let tieqiao: LoginResponse;
  let seed = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [grid01, grid02, police, tieqiao] = (await Promise.all(
      ['hb-grid01', 'hb-grid02', 'hb-police', 'tq-grid01'].map((username) => server.login(username)),
    )) as [LoginResponse, LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  function newPhoto() {
    seed += 1;
    const bytes = samplePng(seed);
    return { bytes, sha256: sha256Hex(bytes) };
  }

  async function put(
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
    options: { token?: string | undefined; type?: string } = {},
  ) {
    const headers: Record<string, string> = { 'content-type': options.type ?? 'image/png' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await server.app.request(`/api/photos/${sha256}`, {
      method: 'PUT',
      headers,
      body: bytes,
    });
    return { status: response.status, body: await response.json() };
  }

  async function get(sha256: string, token?: string) {
    const response = await server.app.request(`/api/photos/${sha256}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return response;
  }

  async function pushPatrol(photoIds: string[]): Promise<PatrolRecord> {
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, grid01.user.id);
    record.body.photoIds = photoIds;
    const reply = await server.push(grid01.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  it('stores a photo once: 201, then 200 for the same bytes, and serves it back to the uploader', async () => {
    const { bytes, sha256 } = newPhoto();
    const first = await put(sha256, bytes, { token: grid01.token });
    expect(first).toEqual({ status: 201, body: { sha256, mime: 'image/png', size: bytes.byteLength } });
    const again = await put(sha256, bytes, { token: grid01.token });
    expect(again.status).toBe(200);

    const response = await get(sha256, grid01.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a body that does not hash to the photo id, and stores nothing', async () => {
    const { bytes, sha256 } = newPhoto();
    const other = newPhoto();
    const reply = await put(sha256, other.bytes, { token: grid01.token });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation');
    expect((await get(sha256, grid01.token)).status).toBe(404);
    expect((await get(other.sha256, grid01.token)).status).toBe(404);
    expect((await put(sha256, bytes, { token: grid01.token })).status).toBe(201);
  });

  it('refuses a photo larger than MAX_PHOTO_BYTES with 413 too_large', async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(samplePng(999));
    const reply = await put(sha256Hex(big), big, { token: grid01.token });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('too_large');
  });

  it('refuses types that are not jpeg, png or webp, and bytes that are not the declared type', async () => {
    const text = new TextEncoder().encode('not a photo at all');
    const wrongType = await put(sha256Hex(text), text, { token: grid01.token, type: 'text/plain' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('validation');

    const disguised = await put(sha256Hex(text), text, { token: grid01.token, type: 'image/jpeg' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.code).toBe('validation');

    const { bytes, sha256 } = newPhoto();
    expect((await put(sha256, bytes, { token: grid01.token, type: 'image/jpeg' })).status).toBe(400);
  });

  it('refuses a malformed photo id with 400', async () => {
    const { bytes, sha256 } = newPhoto();
    expect((await put(sha256.toUpperCase(), bytes, { token: grid01.token })).status).toBe(400);
    expect((await get('abc', grid01.token)).status).toBe(400);
  });

  it('answers 401 without a session, for upload and download', async () => {
    const { bytes, sha256 } = newPhoto();
    const reply = await put(sha256, bytes);
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('unauthorized');
    expect((await put(sha256, bytes, { token: grid01.token })).status).toBe(201);
    expect((await get(sha256)).status).toBe(401);
  });

  it('serves a photo to whoever may see a record that references it, and 404 to everyone else', async () => {
    const { bytes, sha256 } = newPhoto();
    expect((await put(sha256, bytes, { token: grid01.token })).status).toBe(201);
    // Not referenced yet: only the uploader sees it.
    expect((await get(sha256, police.token)).status).toBe(404);

    await pushPatrol([sha256]);
    expect((await get(sha256, police.token)).status).toBe(200);
    expect((await get(sha256, grid02.token)).status).toBe(404);
    expect((await get(sha256, tieqiao.token)).status).toBe(404);
  });

  it('accepts a record before its photo, and serves the photo once it arrives', async () => {
    const { bytes, sha256 } = newPhoto();
    await pushPatrol([sha256]);
    expect((await get(sha256, police.token)).status).toBe(404);
    expect((await put(sha256, bytes, { token: grid01.token })).status).toBe(201);
    expect((await get(sha256, police.token)).status).toBe(200);
  });

  it('stops serving a photo to others once no live record references it', async () => {
    const kept = newPhoto();
    const dropped = newPhoto();
    for (const photo of [kept, dropped])
      expect((await put(photo.sha256, photo.bytes, { token: grid01.token })).status).toBe(201);
    const record = await pushPatrol([kept.sha256, dropped.sha256]);
    expect((await get(dropped.sha256, police.token)).status).toBe(200);

    const edited: PatrolRecord = { ...record, body: { ...record.body, photoIds: [kept.sha256] } };
    const edit = await server.push(grid01.token, randomUUID(), [mutation(edited, { baseRev: record.rev })]);
    expect(edit.body.results[0].status).toBe('applied');
    expect((await get(dropped.sha256, police.token)).status).toBe(404);
    expect((await get(kept.sha256, police.token)).status).toBe(200);

    const removal = await server.push(grid01.token, randomUUID(), [
      mutation({ ...edited, rev: record.rev + 1 }, { op: 'delete', baseRev: record.rev + 1 }),
    ]);
    expect(removal.body.results[0].status).toBe('applied');
    expect((await get(kept.sha256, police.token)).status).toBe(404);
    // The uploader keeps access to what they uploaded.
    expect((await get(kept.sha256, grid01.token)).status).toBe(200);
  });

  it('refuses a record that references more than 20 photos', async () => {
    const ids = Array.from({ length: 21 }, () => newPhoto().sha256);
    const record = samplePatrol(randomUUID(), HUBIN_GRID_1, grid01.user.id);
    record.body.photoIds = ids;
    const reply = await server.push(grid01.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0].status).toBe('rejected');
  });
});
