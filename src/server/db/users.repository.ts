import type { Kysely } from 'kysely';
import type { Database, UsersTable } from './schema';

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
