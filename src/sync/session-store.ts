/**
 * The signed-in session, kept in a small shared database so the service worker can sync without
 * the page. The token survives offline use; a 401 marks it expired but keeps every record.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { SessionUser } from '../domain/protocol';

export interface StoredSession {
  key: 'current';
  token: string;
  user: SessionUser;
  expiresAt: string;
  /** Set when the server answered 401: the user must sign in again; nothing is deleted. */
  expired: boolean;
}

class SessionDb extends Dexie {
  session!: EntityTable<StoredSession, 'key'>;
  constructor() {
    super('gridkeeper-session');
    this.version(1).stores({ session: 'key' });
  }
}

let sessionDb: SessionDb | undefined;
function db(): SessionDb {
  sessionDb ??= new SessionDb();
  return sessionDb;
}

export async function loadSession(): Promise<StoredSession | undefined> {
  return db().session.get('current');
}

export async function storeSession(session: Omit<StoredSession, 'key' | 'expired'>): Promise<StoredSession> {
  const row: StoredSession = { ...session, key: 'current', expired: false };
  await db().session.put(row);
  return row;
}

/** After a 401: keep the session (who the records belong to) but flag it for a new sign-in. */
export async function markSessionExpired(): Promise<void> {
  await db().session.update('current', { expired: true });
}

export async function clearSession(): Promise<void> {
  await db().session.delete('current');
}

/** Closes the session database (tests). */
export function closeSessionDb(): void {
  sessionDb?.close();
  sessionDb = undefined;
}
