import { describe, expect, it } from 'vitest';
import {
  MAX_CURSOR_LENGTH,
  MAX_PUSH_MUTATIONS,
  pullQuerySchema,
  pushRequestSchema,
  toIssues,
} from '../../src/domain/protocol';
import { samplePatrol } from '../support/sample-records';

const CLIENT = '0190a5d2-7a3b-7c4d-8e9f-00000000c11e';
const mutation = (n: number) => ({
  id: `0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`,
  seq: n,
  op: 'upsert',
  baseRev: 0,
  record: samplePatrol(`0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`),
});

describe('push request schema', () => {
  it('accepts a well-formed batch', () => {
    expect(
      pushRequestSchema.safeParse({ protocol: 1, clientId: CLIENT, mutations: [mutation(1)] }).success,
    ).toBe(true);
  });

  it('names the field of a malformed mutation', () => {
    const result = pushRequestSchema.safeParse({
      protocol: 1,
      clientId: CLIENT,
      mutations: [{ ...mutation(1), seq: 0 }],
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toIssues(result.error.issues).map((i) => i.path)).toEqual(['mutations.0.seq']);
  });

  it('refuses another protocol version, unknown fields and oversized batches', () => {
    expect(
      pushRequestSchema.safeParse({ protocol: 2, clientId: CLIENT, mutations: [mutation(1)] }).success,
    ).toBe(false);
    expect(
      pushRequestSchema.safeParse({ protocol: 1, clientId: CLIENT, mutations: [mutation(1)], extra: true })
        .success,
    ).toBe(false);
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => mutation(i + 1));
    expect(pushRequestSchema.safeParse({ protocol: 1, clientId: CLIENT, mutations: tooMany }).success).toBe(
      false,
    );
  });
});

describe('pull query schema', () => {
  it('parses the limit as a number', () => {
    const result = pullQuerySchema.safeParse({ clientId: CLIENT, limit: '200' });
    expect(result.success && result.data.limit).toBe(200);
  });

  it('rejects a non-numeric limit and a bad client id', () => {
    expect(pullQuerySchema.safeParse({ clientId: CLIENT, limit: 'all' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ clientId: 'me' }).success).toBe(false);
  });

  it('takes the cursor of a scope over many streets (one position each), up to its limit', () => {
    // 120 streets, each at a position like 'zzzz' (base 36), as a district command centre's may be.
    const cursor = `p${Array.from({ length: 120 }, () => 'zzzz').join('-')}.0123abcd`;
    expect(cursor.length).toBeGreaterThan(200);
    expect(pullQuerySchema.safeParse({ clientId: CLIENT, cursor }).success).toBe(true);
    expect(
      pullQuerySchema.safeParse({ clientId: CLIENT, cursor: 'p'.repeat(MAX_CURSOR_LENGTH + 1) }).success,
    ).toBe(false);
  });
});
