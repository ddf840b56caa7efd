import type { Kysely } from 'kysely';
import type { SessionUser } from '../../domain/protocol';
import type { Role } from '../../domain/roles';
import { scopeGridIds } from '../db/orgs.repository';
import type { Database } from '../db/schema';

/** The user as the protocol shows it, with the grids in scope resolved now (assignments may change). */
export async function loadSessionUser(
  db: Kysely<Database>,
  user: { id: string; name: string; role: string; department_id?: string | null | undefined },
): Promise<SessionUser> {
  return {
    id: user.id,
    name: user.name,
    role: user.role as Role,
    scope: { gridIds: await scopeGridIds(db, user.id) },
    // A department account handles what is dispatched to its department (access-rules.ts).
    ...(user.department_id ? { departmentId: user.department_id } : {}),
  };
}
