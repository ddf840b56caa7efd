import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The latest result of a Dexie query, re-run whenever the tables it read change (also when another
 * tab or the service worker writes). `undefined` until the first result arrives.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<{ result: T } | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (result) => setValue({ result }),
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, exactly like useEffect's own deps.
  }, deps);
  return value?.result;
}
