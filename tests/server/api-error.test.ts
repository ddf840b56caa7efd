/** ApiError: the status and code, then options (issues, headers, cause) as Hono's HTTPException takes them. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/server/api-error';
import { readJsonBody } from '../../src/server/read-json-body';

describe('ApiError', () => {
  it('keeps issues, headers and the cause it was given', () => {
    const cause = new Error('underneath');
    const error = new ApiError(429, 'rate_limited', 'slow down', {
      issues: [{ path: 'limit', message: 'too many' }],
      headers: { 'Retry-After': '60' },
      cause,
    });
    expect(error.issues).toEqual([{ path: 'limit', message: 'too many' }]);
    expect(error.headers).toEqual({ 'Retry-After': '60' });
    expect(error.cause).toBe(cause);
  });

  it('has no cause unless given one', () => {
    expect('cause' in new ApiError(404, 'not_found', 'No such photo')).toBe(false);
  });

  it('carries the parser error as the cause of a body that is not JSON', async () => {
    let thrown: unknown;
    const app = new Hono().post('/', async (c) => {
      try {
        await readJsonBody(c, 1_000);
      } catch (error) {
        thrown = error;
      }
      return c.body(null, 204);
    });
    await app.request('/', {
      method: 'POST',
      body: '{"not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).message).toBe('The request body is not valid JSON');
    expect((thrown as ApiError).cause).toBeInstanceOf(SyntaxError);
  });
});
