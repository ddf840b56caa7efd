/**
 * The grids a supervisor's request covers: all of the caller's grids, or those at or below `org`
 * when every one of them is the caller's. Scope is by assignment (the session's grids), so naming
 * an org outside them is refused with its name, whatever the org is.
 */
import type { Kysely } from 'kysely';
import { supervisesArea } from '../domain/event-access';
import type { SessionUser } from '../domain/protocol';
import { ApiError } from './api-error';
import { gridIdsUnder, listOrgs } from './db/orgs.repository';
import type { Database } from './db/schema';
import { listUsersAssignedTo } from './db/users.repository';

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

export interface AreaPerson {
  id: string;
  name: string;
  role: string;
}

/**
 * The people who work in `gridIds`: every account whose own grids (its assigned orgs and all grids
 * below them) include one of them, by name. Read from the org tree in memory (a few statements,
 * whatever the number of people), not one recursive query each.
 */
export async function peopleOfArea(db: Kysely<Database>, gridIds: readonly string[]): Promise<AreaPerson[]> {
  const area = new Set(gridIds);
  const children = new Map<string, string[]>();
  for (const org of await listOrgs(db)) {
    if (org.parent_id === null) continue;
    children.set(org.parent_id, [...(children.get(org.parent_id) ?? []), org.id]);
  }
  // Whether an org is in the area or has an area grid below it.
  const reaches = new Map<string, boolean>();
  const reachesArea = (orgId: string): boolean => {
    const known = reaches.get(orgId);
    if (known !== undefined) return known;
    const result = area.has(orgId) || (children.get(orgId) ?? []).some(reachesArea);
    reaches.set(orgId, result);
    return result;
  };
  const orgs = [...children.keys(), ...[...children.values()].flat()].filter(reachesArea);
  return (await listUsersAssignedTo(db, [...new Set([...orgs, ...area])])).sort((a, b) =>
    a.name.localeCompare(b.name, 'zh-CN'),
  );
}
