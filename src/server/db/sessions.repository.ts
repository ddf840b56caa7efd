import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface SessionRow {
  tokenHash: string;
  expiresAt: string;
  revokedAt: string | null;
  /** Set by `revoke-sessions --wipe`: the device must delete the user's local data. */
  wipeRequestedAt: string | null;
  userId: string;
  name: string;
  role: string;
  demo: number;
  departmentId?: string | null | undefined;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null,
    })
    .execute();
}

/** The session with its user, whatever its state: the caller decides about expiry and revocation. */
export async function findSession(db: Kysely<Database>, tokenHash: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .where('sessions.token_hash', '=', tokenHash)
    .select([
      'sessions.token_hash as tokenHash',
      'sessions.expires_at as expiresAt',
      'sessions.revoked_at as revokedAt',
      'sessions.wipe_requested_at as wipeRequestedAt',
      'users.id as userId',
      'users.name as name',
      'users.role as role',
      'users.demo as demo',
      'users.department_id as departmentId',
    ])
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session of the user (a lost phone); answers how many. */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Asks every device of the user that may still call with a token to delete the user's local data:
 * each session not expired, whether or not it is revoked yet (a device that has not called since a
 * plain revocation still holds its token). Answers how many were marked.
 */
export async function requestUserWipe(db: Kysely<Database>, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ wipe_requested_at: at })
    .where('user_id', '=', userId)
    .where('wipe_requested_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The device holding this token reports the wipe done; true the first time, for a session asked to wipe. */
export async function acknowledgeWipe(db: Kysely<Database>, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ wiped_at: at })
    .where('token_hash', '=', tokenHash)
    .where('wipe_requested_at', 'is not', null)
    .where('wiped_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
