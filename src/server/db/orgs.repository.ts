import type { Kysely } from 'kysely';
import type { Database, OrgsTable } from './schema';

/** Ids of every grid under the user's assigned org nodes (a grid itself, or all grids below a community or street). */
export async function scopeGridIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('user_assignments')
        .select('org_id as id')
        .where('user_id', '=', userId)
        .union((qb2) =>
          qb2.selectFrom('orgs').innerJoin('subtree', 'subtree.id', 'orgs.parent_id').select('orgs.id'),
        ),
    )
    .selectFrom('orgs')
    .innerJoin('subtree', 'subtree.id', 'orgs.id')
    .where('orgs.level', '=', 'grid')
    .select('orgs.id')
    .distinct()
    .orderBy('orgs.id')
    .execute();
  return rows.map((row) => row.id);
}

export async function insertOrgs(db: Kysely<Database>, orgs: readonly OrgsTable[]): Promise<void> {
  if (orgs.length > 0)
    await db
      .insertInto('orgs')
      .values([...orgs])
      .execute();
}

export async function findOrg(db: Kysely<Database>, id: string): Promise<OrgsTable | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface GridRow {
  id: string;
  name: string;
  geometry: string | null;
  communityId: string | null;
  communityName: string | null;
  streetId: string | null;
  streetName: string | null;
}

/** The given grids with their community and street, for the map. */
export async function listGrids(db: Kysely<Database>, gridIds: readonly string[]): Promise<GridRow[]> {
  if (gridIds.length === 0) return [];
  return db
    .selectFrom('orgs as grid')
    .leftJoin('orgs as community', 'community.id', 'grid.parent_id')
    .leftJoin('orgs as street', 'street.id', 'community.parent_id')
    .where('grid.level', '=', 'grid')
    .where('grid.id', 'in', [...gridIds])
    .select([
      'grid.id as id',
      'grid.name as name',
      'grid.geometry as geometry',
      'community.id as communityId',
      'community.name as communityName',
      'street.id as streetId',
      'street.name as streetName',
    ])
    .orderBy('grid.id')
    .execute();
}

export type OrgSummary = Omit<OrgsTable, 'geometry'>;

/** Every org node without its geometry, by id. */
export async function listOrgs(db: Kysely<Database>): Promise<OrgSummary[]> {
  return db.selectFrom('orgs').select(['id', 'parent_id', 'level', 'name']).orderBy('id').execute();
}

/**
 * The street above each of `gridIds` (its nearest ancestor of level street), by grid; a grid with
 * no street above it, or unknown, is left out. Org nodes are only ever inserted, never moved, so
 * a grid's street never changes (pull-cursor.ts relies on it, and checks it).
 */
export async function streetsOfGrids(
  db: Kysely<Database>,
  gridIds: readonly string[],
): Promise<Map<string, string>> {
  const streets = new Map<string, string>();
  if (gridIds.length === 0) return streets;
  const rows = await db
    .withRecursive('up(grid_id, id, parent_id, level)', (qb) =>
      qb
        .selectFrom('orgs')
        .select(['id as grid_id', 'id', 'parent_id', 'level'])
        .where('id', 'in', [...new Set(gridIds)])
        .unionAll((qb2) =>
          qb2
            .selectFrom('orgs')
            .innerJoin('up', 'up.parent_id', 'orgs.id')
            .where('up.level', '!=', 'street')
            .select(['up.grid_id', 'orgs.id', 'orgs.parent_id', 'orgs.level']),
        ),
    )
    .selectFrom('up')
    .select(['grid_id', 'id'])
    .where('level', '=', 'street')
    .execute();
  for (const row of rows) streets.set(row.grid_id, row.id);
  return streets;
}

export interface DepartmentRow {
  id: string;
  name: string;
  type: string;
  streetId: string;
}

/** The departments (职能部门) of the given streets, by street then name. */
export async function findDepartments(
  db: Kysely<Database>,
  streetIds: readonly string[],
): Promise<DepartmentRow[]> {
  if (streetIds.length === 0) return [];
  const rows = await db
    .selectFrom('orgs')
    .where('level', '=', 'department')
    .where('parent_id', 'in', [...new Set(streetIds)])
    .select(['id', 'name', 'department_type as type', 'parent_id as streetId'])
    .orderBy('parent_id')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type ?? '',
    streetId: row.streetId ?? '',
  }));
}

/** The department ids of each grid's street: where an event in that grid may be dispatched (交办). */
export async function departmentIdsOfGrids(
  db: Kysely<Database>,
  gridIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const byGrid = new Map<string, Set<string>>();
  if (gridIds.length === 0) return byGrid;
  const rows = await db
    .selectFrom('orgs as grid')
    .innerJoin('orgs as community', 'community.id', 'grid.parent_id')
    .innerJoin('orgs as department', 'department.parent_id', 'community.parent_id')
    .where('grid.id', 'in', [...new Set(gridIds)])
    .where('department.level', '=', 'department')
    .select(['grid.id as gridId', 'department.id as departmentId'])
    .execute();
  for (const row of rows) {
    const set = byGrid.get(row.gridId) ?? new Set<string>();
    set.add(row.departmentId);
    byGrid.set(row.gridId, set);
  }
  return byGrid;
}

/** The grids at or below org `orgId` (a grid, community, street or district). */
export async function gridIdsUnder(db: Kysely<Database>, orgId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('orgs')
        .select('id')
        .where('id', '=', orgId)
        .union((qb2) =>
          qb2.selectFrom('orgs').innerJoin('subtree', 'subtree.id', 'orgs.parent_id').select('orgs.id'),
        ),
    )
    .selectFrom('orgs')
    .innerJoin('subtree', 'subtree.id', 'orgs.id')
    .where('orgs.level', '=', 'grid')
    .select('orgs.id')
    .orderBy('orgs.id')
    .execute();
  return rows.map((row) => row.id);
}
