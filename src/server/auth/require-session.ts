import type { MiddlewareHandler } from 'hono';
import { ApiError, WipeRequestedError } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { findSession } from '../db/sessions.repository';
import { hashSessionToken } from './session-token';
import { loadSessionUser } from './session-user';

/** RFC 9110 §11.1: the auth scheme is case-insensitive (`bearer` is as good as `Bearer`); the token is not. */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_-]{16,128})$/;

/** The token of an `Authorization` header, for a route that takes a token but no live session. */
export function bearerToken(header: string | undefined): string | undefined {
  return BEARER.exec(header ?? '')?.[1];
}

/** 401 unless the request carries a live bearer token, saying why; otherwise sets `session`. */
export function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined)
      throw new ApiError(401, 'unauthorized', 'Sign in first: a bearer token is required');
    const tokenHash = hashSessionToken(token);
    const row = await findSession(deps.db, tokenHash);
    if (row === undefined) throw new ApiError(401, 'unauthorized', 'Unknown session token; sign in again');
    // Before revocation and expiry: the device must learn of the wipe whatever else ended the session.
    if (row.wipeRequestedAt !== null) throw new WipeRequestedError();
    if (row.revokedAt !== null)
      throw new ApiError(
        401,
        'unauthorized',
        'Session revoked (signed out, or ended by an administrator); sign in again',
      );
    if (Date.parse(row.expiresAt) <= deps.now().getTime())
      throw new ApiError(401, 'unauthorized', 'Session expired; sign in again');
    if (!deps.demoAccounts && row.demo !== 0)
      throw new ApiError(401, 'unauthorized', 'Demo accounts are switched off on this server');
    c.set('session', {
      tokenHash,
      expiresAt: row.expiresAt,
      user: await loadSessionUser(deps.db, {
        id: row.userId,
        name: row.name,
        role: row.role,
        department_id: row.departmentId,
      }),
    });
    await next();
  };
}
