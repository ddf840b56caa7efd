/** Sign-in and sign-out on the device. Sign-in needs the network once; after that the app runs offline. */
import { loginResponseSchema } from '../domain/protocol';
import { reportWipe, wipeUserData } from './device-wipe';
import { refreshGrids } from './grids-client';
import { type HttpDeps, requestJson } from './http';
import { openLocalDb } from './local-db';
import { clearSession, loadSession, type StoredSession, storeSession } from './session-store';

export type LoginResult =
  | { ok: true; session: StoredSession }
  | { ok: false; reason: 'invalid_credentials' | 'rate_limited' | 'offline' | 'server'; message: string };

/** Signs in, stores the session for page and service worker, and keeps the user's grids offline. */
export async function login(deps: HttpDeps, username: string, password: string): Promise<LoginResult> {
  const result = await requestJson(deps, '/api/auth/login', { method: 'POST', body: { username, password } });
  if (result.kind === 'network-error') return { ok: false, reason: 'offline', message: result.message };
  if (result.kind === 'http-error') {
    const reason =
      result.status === 401 || result.status === 400
        ? 'invalid_credentials'
        : result.status === 429
          ? 'rate_limited'
          : 'server';
    return { ok: false, reason, message: result.message };
  }
  const parsed = loginResponseSchema.safeParse(result.body);
  if (!parsed.success) return { ok: false, reason: 'server', message: 'Unexpected login response' };
  const session = await storeSession(parsed.data);
  // Grid names are needed offline; a failure here is retried at the next sync, not fatal.
  await refreshGrids(deps, openLocalDb(session.user.id), session.token);
  return { ok: true, session };
}

/**
 * Signs out: forgets the session, then revokes the token when online. The user's records stay on
 * the device — unless the server answers with the remote-wipe marker, which deletes them
 * (device-wipe.ts). The session goes first so that a sign-out cut short (tab killed, no network)
 * still leaves no usable session on the device.
 */
export async function logout(deps: HttpDeps): Promise<void> {
  const session = await loadSession();
  await clearSession();
  if (!session || session.expired) return;
  const result = await requestJson(deps, '/api/auth/logout', { method: 'POST', token: session.token });
  if (result.kind === 'http-error' && result.wipe) {
    await wipeUserData(session.user.id);
    await reportWipe(deps, session.token);
  }
}
