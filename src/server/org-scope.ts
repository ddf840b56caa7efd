/**
 * The grids a supervisor's request covers: all of the caller's grids, or those at or below `org`
 * when every one of them is the caller's. Scope is by assignment (the session's grids), so naming
 * an org outside them is refused with its name, whatever the org is.
 */
import type { Kysely } from 'kysely';
import { supervisesArea } from '../domain/event-access';
import type { SessionUser } from '../domain/protocol';
import { ApiError } from './api-error';
import { gridIdsUnder } from './db/orgs.repository';
import type { Database } from './db/schema';

/** 403 unless `user` supervises an area; `action`, when given, names what was refused. */
export function requireSupervisor(user: SessionUser, action?: string): void {
  if (!supervisesArea(user.role))
    throw new ApiError(
      403,
      'forbidden',
      `The role ${user.role} does not supervise an area${action === undefined ? '' : `, so may not ${action}`}`,
    );
}

/** The caller's grids (sorted), or those below `org`; 403 naming `org` when it is not the caller's. */
export async function gridsInScope(
  db: Kysely<Database>,
  user: SessionUser,
  org: string | undefined,
): Promise<string[]> {
  const scope = new Set(user.scope.gridIds);
  if (org === undefined) return [...scope].sort();
  const below = await gridIdsUnder(db, org);
  if (below.length === 0 || below.some((gridId) => !scope.has(gridId)))
    throw new ApiError(403, 'forbidden', `Org ${org} is outside your scope`, {
      issues: [{ path: 'org', message: 'Not an org of your grids' }],
    });
  return below;
}
