import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * `merge`: a stale push merged with the server's record; `restore`: an edit of a tombstone at its
 * rev; `admin.*`: an account change by the admin CLI (the user id is then `cli:<os user>`).
 */
export type AuditAction =
  | 'create'
  | 'update'
  | 'merge'
  | 'delete'
  | 'restore'
  | 'login'
  | 'logout'
  | 'admin.createUser'
  | 'admin.assign'
  | 'admin.resetPassword'
  | 'admin.revokeSessions';

export interface AuditEntry {
  at: string;
  userId: string;
  action: AuditAction;
  clientId?: string;
  recordId?: string;
  kind?: string;
  before?: unknown;
  after?: unknown;
  /** Whether the change was made offline; unknown (null) until devices report it. */
  offline?: boolean;
}

export async function insertAuditEntry(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: entry.at,
      user_id: entry.userId,
      client_id: entry.clientId ?? null,
      action: entry.action,
      record_id: entry.recordId ?? null,
      kind: entry.kind ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      offline: entry.offline === undefined ? null : Number(entry.offline),
    })
    .execute();
}
