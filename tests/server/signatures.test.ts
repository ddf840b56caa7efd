/**
 * Signatures on a 人民调解协议书 travel like photos: the dispute references each PNG by sha256, the
 * bytes are uploaded after it, and reading them follows provenance — knowing the hash grants nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { DisputeRecord } from '../../src/domain/record-envelope';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { sampleAgreedDispute } from '../support/sample-records';
import {
  DIALECTS,
  getPhoto,
  HUBIN_GRID_1,
  mutation,
  putPhoto,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const APPLICANT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ab';
const RESPONDENT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ac';
const SIGNED_AT = '2026-11-26T07:00:00.000Z';

describe.each(DIALECTS)('signatures on the agreement (%s)', (dialect) => {
  let server: TestServer;
  let mediator: LoginResponse;
  let leader: LoginResponse;
  let otherStreet: LoginResponse;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [mediator, leader, otherStreet] = (await Promise.all(
      ['hb-mediator', 'hb-leader', 'tq-police'].map((username) => server.login(username)),
    )) as [LoginResponse, LoginResponse, LoginResponse];
  });
  afterAll(() => server.close());

  function signedDispute(signatures: unknown[]): DisputeRecord {
    const record = sampleAgreedDispute(randomUUID(), HUBIN_GRID_1, mediator.user.id);
    return { ...record, body: { ...record.body, signatures } } as DisputeRecord;
  }

  const put = (sha256: string, bytes: Uint8Array<ArrayBuffer>, token: string) =>
    putPhoto(server, sha256, bytes, token);

  async function get(sha256: string, token: string) {
    const response = await getPhoto(server, sha256, token);
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it('pushes a signed dispute, uploads its signatures, and serves them to the case’s readers only', async () => {
    const [first, second] = [samplePng(9101, 300, 120), samplePng(9102, 300, 120)];
    const record = signedDispute([
      { id: randomUUID(), signer: APPLICANT, photoId: sha256Hex(first), signedAt: SIGNED_AT },
      { id: randomUUID(), signer: RESPONDENT, photoId: sha256Hex(second), signedAt: SIGNED_AT },
    ]);
    const reply = await server.push(mediator.token, randomUUID(), [mutation(record)]);
    expect(reply.body.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    expect(reply.body.results[0].record.body.signatures).toHaveLength(2);

    // The record arrived before its signatures, as photos may; then the bytes follow.
    expect((await get(sha256Hex(first), leader.token)).status).toBe(404);
    expect(await put(sha256Hex(first), first, mediator.token)).toBe(201);
    expect(await put(sha256Hex(second), second, mediator.token)).toBe(201);

    const read = await get(sha256Hex(first), leader.token);
    expect(read.status).toBe(200);
    expect(sha256Hex(read.bytes)).toBe(sha256Hex(first));
    // Another street's user knows the hash and is answered as if it did not exist.
    expect((await get(sha256Hex(first), otherStreet.token)).status).toBe(404);
    expect((await get(sha256Hex(second), otherStreet.token)).status).toBe(404);
  });

  it('rejects a signatures field of the wrong shape, naming the field in English, and stores nothing', async () => {
    const before = await server.count('records');
    const photoId = sha256Hex(samplePng(9103));
    const bad = [
      [{ id: randomUUID(), signer: APPLICANT, photoId: 'not-a-sha256', signedAt: SIGNED_AT }],
      [{ id: randomUUID(), signer: APPLICANT, photoId, signedAt: 42 }],
      [{ id: randomUUID(), signer: randomUUID(), photoId, signedAt: SIGNED_AT }],
      'signed',
    ];
    const reply = await server.push(
      mediator.token,
      randomUUID(),
      bad.map((signatures) => mutation(signedDispute(signatures as unknown[]))),
    );
    expect(reply.status).toBe(200);
    const results = reply.body.results as {
      status: string;
      error: { code: string; issues: { path: string; message: string }[] };
    }[];
    expect(results.map((result) => [result.status, result.error.code])).toEqual(
      bad.map(() => ['rejected', 'validation']),
    );
    expect(results.map((result) => result.error.issues.map((issue) => issue.path))).toEqual([
      ['body.signatures.0.photoId'],
      ['body.signatures.0.signedAt'],
      ['body.signatures'],
      ['body.signatures'],
    ]);
    expect(results[2]?.error.issues[0]?.message).toMatch(/party or mediator of a case with an agreement/);
    expect(await server.count('records')).toBe(before);
  });
});
