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
