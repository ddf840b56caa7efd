/**
 * The page's app lock (src/sync/lock/app-lock.ts) as signals: what the shell shows (set a PIN, the
 * lock screen, or the app), and the notice the login screen owes after a forced sign-out or a
 * remote wipe. Sync goes on while locked: the scheduler and the service worker hold the session.
 */
import { effect, signal } from '@preact/signals';
import { AppLock, type LockState } from '../../sync/lock/app-lock';
import { clearNotice, leaveNotice, type NoticeRow, readNotice } from '../../sync/lock/lock-store';
import { session } from '../status/session';
import { signOut } from '../status/sign-in';

export const lockState = signal<LockState>('off');
/** Why the user was last signed out without asking; cleared by the next sign-in. */
export const signedOutNotice = signal<NoticeRow | undefined>(undefined);

export const appLock = new AppLock({
  now: () => Date.now(),
  async signOut(reason) {
    await leaveNotice(reason, new Date());
    await signOut();
  },
});
appLock.subscribe((state) => (lockState.value = state));

/** At start, before the first render: the stored session opens locked (or asks for a PIN). */
export async function startAppLock(): Promise<void> {
  const user = session.value?.user;
  if (user) await appLock.start(user.id);
  signedOutNotice.value = await readNotice();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') appLock.hidden();
    else appLock.visible();
  });
  // Signed out by any path (the settings screen, a lockout, a remote wipe in the worker or here):
  // nothing left to guard, and the login screen may owe a notice.
  effect(() => {
    if (session.value !== null) return;
    appLock.stop();
    void readNotice().then((notice) => (signedOutNotice.value = notice));
  });
}

/** After a sign-in with the password: straight in, or set a PIN first on this device. */
export async function lockAfterSignIn(userId: string): Promise<void> {
  await clearNotice();
  signedOutNotice.value = undefined;
  await appLock.afterSignIn(userId);
}
