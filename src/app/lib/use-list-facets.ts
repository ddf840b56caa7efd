/**
 * The home list's records as facets, re-read whenever the records table changes. Reading 10,000
 * rows out of IndexedDB takes a few hundred ms on a laptop (more on a cheap phone), so a cold
 * start first reads only the newest rows through the `updatedAt` index and paints those while the
 * full read finishes. Coming back from a record, the last full read paints at once.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LocalDb } from '../../sync/local-db';
import { listView } from './list-view-state';
import { listFacets, type RecordFacets } from './record-facets';
import { useLiveQuery } from './use-live-query';

/** More than a tall phone screen holds, so the first paint is a full screen. */
const HEAD_ROWS = 30;

export interface ListFacets {
  /** Every live record, newest first; undefined until the first full read. */
  all: RecordFacets[] | undefined;
  /** The newest records, while `all` is not read yet. */
  head: RecordFacets[] | undefined;
}

export function useListFacets(db: LocalDb | undefined): ListFacets {
  const cached = listView.facets?.db === db ? listView.facets?.facets : undefined;
  const needHead = Boolean(db && !cached);
  const head = useLiveQuery(
    async () =>
      db && needHead
        ? listFacets(await db.records.orderBy('updatedAt').reverse().limit(HEAD_ROWS).toArray())
        : undefined,
    [db, needHead],
  );
  // The full read starts once the head has been painted: IndexedDB serves one big read before the
  // head's cursor steps, and decoding 10,000 rows blocks the main thread, so starting it earlier
  // would hold the first paint back until everything is read.
  const [headPainted, setHeadPainted] = useState(false);
  const headIn = head !== undefined;
  useEffect(() => {
    if (!headIn) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setHeadPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [headIn]);
  const fullReady = Boolean(cached || headPainted);
  const live = useLiveQuery(
    async () => (db && fullReady ? listFacets(await db.records.toArray()) : undefined),
    [db, fullReady],
  );
  if (db && live) listView.facets = { db, facets: live };
  const all = live ?? cached;
  return { all, head: all ? undefined : head };
}
