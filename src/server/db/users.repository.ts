import type { Kysely } from 'kysely';
import type { Database, UsersTable } from './schema';
import { chunks, MAX_IDS } from './statement-chunks';

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUsers(db: Kysely<Database>, users: readonly UsersTable[]): Promise<void> {
  if (users.length > 0)
    await db
      .insertInto('users')
      .values([...users])
      .execute();
}

export async function assignOrgs(
  db: Kysely<Database>,
  assignments: readonly { user_id: string; org_id: string }[],
): Promise<void> {
  if (assignments.length > 0)
    await db
      .insertInto('user_assignments')
      .values([...assignments])
      .execute();
}

/** Replaces every assignment of the user with `orgIds` (call inside a transaction). */
export async function replaceAssignments(
  db: Kysely<Database>,
  userId: string,
  orgIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('user_assignments').where('user_id', '=', userId).execute();
  await assignOrgs(
    db,
    orgIds.map((orgId) => ({ user_id: userId, org_id: orgId })),
  );
}

export async function findAssignedOrgIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_assignments')
    .select('org_id')
    .where('user_id', '=', userId)
    .orderBy('org_id')
    .execute();
  return rows.map((row) => row.org_id);
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  role: string;
  demo: boolean;
  orgIds: string[];
}

/** Every user with the org nodes assigned, by username; no password hashes. */
export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'role', 'demo'])
    .orderBy('username')
    .execute();
  const assignments = await db
    .selectFrom('user_assignments')
    .select(['user_id', 'org_id'])
    .orderBy('org_id')
    .execute();
  const orgIdsByUser = new Map<string, string[]>();
  for (const row of assignments) {
    const orgIds = orgIdsByUser.get(row.user_id) ?? [];
    orgIds.push(row.org_id);
    orgIdsByUser.set(row.user_id, orgIds);
  }
  return users.map((user) => ({
    ...user,
    demo: Number(user.demo) === 1,
    orgIds: orgIdsByUser.get(user.id) ?? [],
  }));
}

/** The users assigned to any of `orgIds` (id, name, role), each once: the people of an area. */
export async function listUsersAssignedTo(
  db: Kysely<Database>,
  orgIds: readonly string[],
): Promise<{ id: string; name: string; role: string }[]> {
  const byId = new Map<string, { id: string; name: string; role: string }>();
  for (const chunk of chunks([...new Set(orgIds)], MAX_IDS)) {
    const rows = await db
      .selectFrom('users')
      .innerJoin('user_assignments', 'user_assignments.user_id', 'users.id')
      .select(['users.id as id', 'users.name as name', 'users.role as role'])
      .where('user_assignments.org_id', 'in', chunk)
      .execute();
    for (const row of rows) byId.set(row.id, row);
  }
  return [...byId.values()];
}
