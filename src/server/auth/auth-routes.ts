import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { type LoginResponse, loginRequestSchema } from '../../domain/protocol';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { clientAddress } from '../client-address';
import { insertAuditEntry } from '../db/audit-log.repository';
import type { Database } from '../db/schema';
import { insertSession, revokeSession } from '../db/sessions.repository';
import { findUserByUsername } from '../db/users.repository';
import { readJsonBody } from '../read-json-body';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { requireSession } from './require-session';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-token';
import { loadSessionUser } from './session-user';

const MAX_LOGIN_BYTES = 16 * 1024;
const BAD_CREDENTIALS = 'Wrong username or password';

/** A hash to verify against when the user is unknown, so both failures take the same time. */
let decoyHash: Promise<string> | undefined;

/** `POST /auth/login`, `POST /auth/logout`, `GET /me`, mounted under /api. */
export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/auth/login', async (c) => {
    const body = parseOrThrow(
      loginRequestSchema,
      await readJsonBody(c, MAX_LOGIN_BYTES),
      'Invalid login request',
    );
    const attempt = { username: body.username, address: clientAddress(c, deps.trustProxy) };
    await assertLoginAllowed(deps.db, attempt, deps.now());
    const user = await findUserByUsername(deps.db, body.username);
    const usable = user !== undefined && (deps.demoAccounts || user.demo === 0);
    decoyHash ??= hashPassword('decoy password');
    const matches = await verifyPassword(body.password, usable ? user.password_hash : await decoyHash);
    // The clock is read after scrypt, so a failure counts at the time it is known.
    const now = deps.now();
    if (!usable || !matches) {
      await recordLoginFailure(deps.db, attempt, now);
      throw new ApiError(401, 'unauthorized', BAD_CREDENTIALS);
    }
    await recordLoginSuccess(deps.db, attempt);

    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await insertSession(deps.db, {
      tokenHash: hashSessionToken(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await audit(deps.db, 'login', user.id, now);
    const response: LoginResponse = { token, user: await loadSessionUser(deps.db, user), expiresAt };
    return c.json(response);
  });

  routes.post('/auth/logout', requireSession(deps), async (c) => {
    const session = c.get('session');
    const now = deps.now();
    await revokeSession(deps.db, session.tokenHash, now.toISOString());
    await audit(deps.db, 'logout', session.user.id, now);
    return c.json({ ok: true });
  });

  routes.get('/me', requireSession(deps), (c) => {
    const { user, expiresAt } = c.get('session');
    return c.json({ user, expiresAt });
  });

  return routes;
}

function audit(db: Kysely<Database>, action: 'login' | 'logout', userId: string, at: Date): Promise<void> {
  return insertAuditEntry(db, { at: at.toISOString(), userId, action });
}
