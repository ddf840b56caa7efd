/**
 * Who is signed in on this device, as signals, and the signed-in user's device database. Read from
 * the stored session, so it works offline.
 */
import { computed, signal } from '@preact/signals';
import { type LocalDb, openLocalDb } from '../../sync/local-db';
import { loadSession, type StoredSession } from '../../sync/session-store';

/** `undefined` while the stored session is being read; `null` when nobody is signed in. */
export const session = signal<StoredSession | null | undefined>(undefined);
export const sessionExpired = computed(() => session.value?.expired === true);
const activeUserId = computed(() => session.value?.user.id);
/** The user whose records sync now: signed in with a session the server has not refused. */
export const syncingUserId = computed(() =>
  session.value && !session.value.expired ? session.value.user.id : undefined,
);

/** The signed-in user's device database. */
export const currentDb = computed<LocalDb | undefined>(() =>
  activeUserId.value ? openLocalDb(activeUserId.value) : undefined,
);

/** Reads the stored session; works offline. */
export async function restoreSession(): Promise<void> {
  session.value = (await loadSession()) ?? null;
}
