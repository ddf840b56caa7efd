/**
 * Signing in and out. The auth client is imported lazily: it carries zod and the protocol schemas,
 * which the home screen does not need to paint (budget: DESIGN.md, ≤ 80 KB gzipped JS).
 */
import type { LoginResult } from '../../sync/auth-client';
import { pageHttp } from './page-http';
import { askPersistentStorage } from './persistent-storage';
import { session } from './session';

/** Signs in (needs the network); on success the scheduler starts and syncs at once. */
export async function signIn(username: string, password: string): Promise<LoginResult> {
  const { login } = await import('../../sync/auth-client');
  const result = await login(pageHttp, username, password);
  if (result.ok) {
    session.value = result.session;
    void askPersistentStorage();
  }
  return result;
}

/** Signs out. The user's database stays on the device; unsynced records upload after the next sign-in. */
export async function signOut(): Promise<void> {
  const { logout } = await import('../../sync/auth-client');
  await logout(pageHttp);
  session.value = null;
}
