import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { findSession } from '../db/sessions.repository';
import { hashSessionToken } from './session-token';
import { loadSessionUser } from './session-user';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/** 401 unless the request carries a live bearer token; otherwise sets `session`. */
export function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined)
      throw new ApiError(401, 'unauthorized', 'Sign in first: a bearer token is required');
    const tokenHash = hashSessionToken(token);
    const row = await findSession(deps.db, tokenHash);
    const live =
      row !== undefined &&
      row.revokedAt === null &&
      Date.parse(row.expiresAt) > deps.now().getTime() &&
      (deps.demoAccounts || row.demo === 0);
    if (!live)
      throw new ApiError(401, 'unauthorized', 'The session has expired or was signed out; sign in again');
    c.set('session', {
      tokenHash,
      expiresAt: row.expiresAt,
      user: await loadSessionUser(deps.db, { id: row.userId, name: row.name, role: row.role }),
    });
    await next();
  };
}
