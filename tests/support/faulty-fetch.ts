/** Wraps a fetch to inject the faults field workers meet: no network, 5xx, and lost responses. */
export type Fault = 'offline' | 'server-error' | 'lose-response';

export interface FaultyFetch {
  fetch: typeof fetch;
  /** Faults to apply, in order, to requests whose URL contains `match`. */
  inject(match: string, ...faults: Fault[]): void;
  /** Requests that reached the server, by path. */
  delivered: string[];
}

export function faultyFetch(inner: typeof fetch): FaultyFetch {
  const queue: { match: string; fault: Fault }[] = [];
  const delivered: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const index = queue.findIndex((q) => url.includes(q.match));
    const fault = index >= 0 ? queue.splice(index, 1)[0]?.fault : undefined;
    if (fault === 'offline') throw new TypeError('Failed to fetch');
    if (fault === 'server-error') {
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'boom' } }), { status: 500 });
    }
    const response = await inner(input, init);
    delivered.push(new URL(url).pathname);
    if (fault === 'lose-response') throw new TypeError('network connection lost');
    return response;
  };
  return {
    fetch: wrapped,
    delivered,
    inject(match, ...faults) {
      for (const fault of faults) queue.push({ match, fault });
    },
  };
}
