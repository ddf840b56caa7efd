/**
 * Accounts beside the demo ones, for tests across streets: a grid worker in a grid of a street the
 * demo accounts do not cover, and a street administrator of several streets.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/server/auth/password';
import type { Database } from '../../src/server/db/schema';
import { assignOrgs, insertUsers } from '../../src/server/db/users.repository';

export const STREET_ACCOUNT_PASSWORD = 'street-test-1234';

/** Adds a user of `role` assigned to `orgIds`; sign in with STREET_ACCOUNT_PASSWORD. */
export async function addAccount(
  db: Kysely<Database>,
  username: string,
  role: string,
  orgIds: readonly string[],
): Promise<void> {
  const id = randomUUID();
  await insertUsers(db, [
    {
      id,
      username,
      name: username,
      role,
      password_hash: await hashPassword(STREET_ACCOUNT_PASSWORD),
      demo: 0,
    },
  ]);
  await assignOrgs(
    db,
    orgIds.map((orgId) => ({ user_id: id, org_id: orgId })),
  );
}
