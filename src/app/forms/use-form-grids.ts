import { useEffect, useState } from 'preact/hooks';
import type { LocalGrid } from '../../sync/local-db';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb, session } from '../status/session';

type GridOption = Pick<LocalGrid, 'id' | 'name' | 'communityName' | 'eventSubcategories'>;

/**
 * The grids a record can belong to and the chosen one (default: the first). Grid names come from
 * the device copy of `GET /api/grids`; if that never arrived, the ids from the session still work.
 */
export function useFormGrids(initialGridId: string | undefined) {
  const db = currentDb.value;
  const stored = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const scopeIds = session.value?.user.scope.gridIds ?? [];
  const grids: GridOption[] =
    stored && stored.length > 0 ? stored : scopeIds.map((id) => ({ id, name: id, communityName: '' }));
  const [gridId, setGridId] = useState(initialGridId ?? '');
  const firstId = grids[0]?.id;
  useEffect(() => {
    if (!gridId && firstId) setGridId(firstId);
  }, [gridId, firstId]);
  return { grids, gridId, setGridId };
}
