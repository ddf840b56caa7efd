/**
 * Photo access follows provenance, not reference (DESIGN.md "Scope by provenance"): a record's
 * reference makes a photo readable to the record's readers only once the record's author uploaded
 * those bytes, or if the author could already read the photo when the reference was pushed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { PatrolRecord } from '../../src/domain/record-envelope';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  getPhoto,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  putPhoto,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

describe.each(DIALECTS)('photo provenance (%s)', (dialect) => {
  let server: TestServer;
  let grid01: LoginResponse;
  let grid02: LoginResponse;
  let leader: LoginResponse;
  let police: LoginResponse;
  let tieqiao: LoginResponse;
  let tieqiaoPolice: LoginResponse;
  let seed = 5000;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [grid01, grid02, leader, police, tieqiao, tieqiaoPolice] = (await Promise.all(
      ['hb-grid01', 'hb-grid02', 'hb-leader', 'hb-police', 'tq-grid01', 'tq-police'].map((username) =>
        server.login(username),
      ),
    )) as [LoginResponse, LoginResponse, LoginResponse, LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  function newPhoto() {
    seed += 1;
    const bytes = samplePng(seed);
    return { bytes, sha256: sha256Hex(bytes) };
  }

  const put = (sha256: string, bytes: Uint8Array<ArrayBuffer>, token: string) =>
    putPhoto(server, sha256, bytes, token);

  /** Status, headers and body text of a GET, to compare answers byte for byte. */
  async function get(sha256: string, token: string) {
    const response = await getPhoto(server, sha256, token);
    const headers = Object.fromEntries(response.headers);
    return { status: response.status, headers, body: await response.text() };
  }

  async function pushPatrol(who: LoginResponse, gridId: string, photoIds: string[]): Promise<PatrolRecord> {
    const record = samplePatrol(randomUUID(), gridId, who.user.id);
    record.body.photoIds = photoIds;
    const reply = await server.push(who.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0].status).toBe('applied');
    return reply.body.results[0].record;
  }

  it('naming the hash of another street’s photo in one’s own record grants nothing', async () => {
    const { bytes, sha256 } = newPhoto();
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    await pushPatrol(grid01, HUBIN_GRID_1, [sha256]);
    expect((await get(sha256, police.token)).status).toBe(200);

    // A 泰山 worker lists the 大厂 photo's hash in a record of their own grid: the push is applied
    // (records may reach the server before their photos), but it proves nothing.
    await pushPatrol(tieqiao, TIEQIAO_GRID_1, [sha256]);
    const unknown = newPhoto().sha256;
    for (const who of [tieqiao, tieqiaoPolice]) {
      const attempt = await get(sha256, who.token);
      expect(attempt.status).toBe(404);
      // The same answer as for a hash nobody ever uploaded: existence leaks nothing.
      expect(attempt).toEqual(await get(unknown, who.token));
    }
  });

  it('a reference pushed before its photo becomes readable once its author uploads the bytes', async () => {
    const { bytes, sha256 } = newPhoto();
    await pushPatrol(grid01, HUBIN_GRID_1, [sha256]);
    expect((await get(sha256, police.token)).status).toBe(404);
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    expect((await get(sha256, police.token)).status).toBe(200);
    expect((await get(sha256, leader.token)).status).toBe(200);
    expect((await get(sha256, grid02.token)).status).toBe(404);
  });

  it('someone else uploading the bytes does not prove the author holds them', async () => {
    const { bytes, sha256 } = newPhoto();
    // The 泰山 worker references first, then a 大厂 worker uploads the same bytes for their own record.
    await pushPatrol(tieqiao, TIEQIAO_GRID_1, [sha256]);
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    await pushPatrol(grid01, HUBIN_GRID_1, [sha256]);
    expect((await get(sha256, police.token)).status).toBe(200);
    expect((await get(sha256, tieqiaoPolice.token)).status).toBe(404);
    expect((await get(sha256, tieqiao.token)).status).toBe(404);
  });

  it('an upload of bytes the server has already counts as proof for that uploader', async () => {
    const { bytes, sha256 } = newPhoto();
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    await pushPatrol(tieqiao, TIEQIAO_GRID_1, [sha256]);
    expect((await get(sha256, tieqiaoPolice.token)).status).toBe(404);
    // The 泰山 worker really holds the bytes (the server hashes the body): now their record shows it.
    expect(await put(sha256, bytes, tieqiao.token)).toBe(200);
    expect((await get(sha256, tieqiaoPolice.token)).status).toBe(200);
    expect((await get(sha256, tieqiao.token)).status).toBe(200);
  });

  it('an author who could already read the photo proves it by referencing it', async () => {
    const { bytes, sha256 } = newPhoto();
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    await pushPatrol(grid01, HUBIN_GRID_1, [sha256]);
    // The 网格长 reads it through grid01's record and files it in a 第二网格 record of their own.
    expect((await get(sha256, leader.token)).status).toBe(200);
    await pushPatrol(leader, HUBIN_GRID_2, [sha256]);
    expect((await get(sha256, grid02.token)).status).toBe(200);
  });

  it('a reference that was pending stays pending when others later make the photo readable', async () => {
    const { bytes, sha256 } = newPhoto();
    // grid02 names a hash they cannot read and never upload…
    await pushPatrol(grid02, HUBIN_GRID_2, [sha256]);
    // …then grid01 uploads it for a record of 第一网格.
    expect(await put(sha256, bytes, grid01.token)).toBe(201);
    await pushPatrol(grid01, HUBIN_GRID_1, [sha256]);
    expect((await get(sha256, grid02.token)).status).toBe(404);
  });
});
