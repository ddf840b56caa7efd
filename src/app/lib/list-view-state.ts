/**
 * What the home list remembers while the user opens a record and comes back (the back arrow is a
 * plain link to `/`, so the state lives here rather than in the URL): the filter, the scroll
 * position, and the last facets read, so the list paints at once while the live query re-reads.
 * A reload starts fresh, which is what a new visit should do.
 */
import { signal } from '@preact/signals';
import type { LocalDb } from '../../sync/local-db';
import { type ListFilter, NO_FILTER } from './list-filter';
import type { RecordFacets } from './record-facets';

export const listFilter = signal<ListFilter>(NO_FILTER);

export const listView: {
  scrollY: number;
  facets: { db: LocalDb; facets: RecordFacets[] } | undefined;
} = { scrollY: 0, facets: undefined };
