/**
 * What a grid is called on screen. Grids are numbered within their community (every community has
 * a 第一网格), so once the user's grids span more than one community each name carries its
 * community: 湖滨社区第一网格. Within one community the short name is enough.
 */
import type { LocalGrid } from '../../sync/local-db';

type NamedGrid = Pick<LocalGrid, 'id' | 'name' | 'communityName'>;

export function gridNames(grids: readonly NamedGrid[]): Map<string, string> {
  const spansCommunities = new Set(grids.map((g) => g.communityName)).size > 1;
  return new Map(grids.map((g) => [g.id, spansCommunities ? `${g.communityName}${g.name}` : g.name]));
}
