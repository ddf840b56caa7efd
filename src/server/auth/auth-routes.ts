import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { type LoginResponse, loginRequestSchema } from '../../domain/protocol';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { clientAddress } from '../client-address';
import { insertAuditEntry } from '../db/audit-log.repository';
import type { Database, UsersTable } from '../db/schema';
import { acknowledgeWipe, findSession, insertSession, revokeSession } from '../db/sessions.repository';
import { findUserByUsername } from '../db/users.repository';
import { readJsonBody } from '../read-json-body';
import { QueueFullError } from './concurrency-limiter';
import { loginFailed, loginNotChecked, loginSucceeded, reserveLoginAttempt } from './login-throttle';
import { DECOY_HASH, verifyPassword } from './password';
import { bearerToken, requireSession } from './require-session';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-token';
import { loadSessionUser } from './session-user';

const MAX_LOGIN_BYTES = 16 * 1024;
const BAD_CREDENTIALS = 'Wrong username or password';

/** Seconds a sign-in refused for a full hashing queue is told to wait: the queue drains in about one. */
const BUSY_RETRY_SECONDS = 2;

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
    // Counted before the password is checked, so simultaneous guesses cannot all get through.
    const reservation = await reserveLoginAttempt(deps.db, attempt, deps.now());
    const user = await checkCredentials(deps, body).catch(async (error: unknown) => {
      await loginNotChecked(deps.db, reservation);
      throw error instanceof QueueFullError ? busy() : error;
    });
    // The clock is read after scrypt, so a failure counts at the time it is known.
    const now = deps.now();
    if (user === undefined) {
      await loginFailed(deps.db, now);
      throw new ApiError(401, 'unauthorized', BAD_CREDENTIALS);
    }
    await loginSucceeded(deps.db, reservation);

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

  // A wiped device reports the wipe done, with the token it was told to wipe by (no live session
  // needed: that token was revoked). Only a session asked to wipe is acknowledged, once.
  routes.post('/auth/wiped', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    const tokenHash = token === undefined ? undefined : hashSessionToken(token);
    const row = tokenHash === undefined ? undefined : await findSession(deps.db, tokenHash);
    if (tokenHash === undefined || row?.wipeRequestedAt == null)
      throw new ApiError(401, 'unauthorized', 'No remote wipe was asked for this session');
    const now = deps.now();
    if (await acknowledgeWipe(deps.db, tokenHash, now.toISOString()))
      await audit(deps.db, 'device.wiped', row.userId, now);
    return c.json({ ok: true });
  });

  routes.get('/me', requireSession(deps), (c) => {
    const { user, expiresAt } = c.get('session');
    return c.json({ user, expiresAt });
  });

  return routes;
}

/** The user when the password is theirs and they may sign in; the check costs one scrypt either way. */
async function checkCredentials(
  deps: AppDeps,
  body: { username: string; password: string },
): Promise<UsersTable | undefined> {
  const user = await findUserByUsername(deps.db, body.username);
  const usable = user !== undefined && (deps.demoAccounts || user.demo === 0);
  const matches = await verifyPassword(body.password, usable ? user.password_hash : DECOY_HASH);
  return usable && matches ? user : undefined;
}

function busy(): ApiError {
  return new ApiError(
    503,
    'rate_limited',
    'The server is checking many sign-ins at once; try again in a few seconds',
    { headers: { 'Retry-After': String(BUSY_RETRY_SECONDS) } },
  );
}

function audit(
  db: Kysely<Database>,
  action: 'login' | 'logout' | 'device.wiped',
  userId: string,
  at: Date,
): Promise<void> {
  return insertAuditEntry(db, { at: at.toISOString(), userId, action });
}
