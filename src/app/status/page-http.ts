/** How the page reaches the API: its own origin, through the page's `fetch`. */
import type { HttpDeps } from '../../sync/http';

export const pageHttp: HttpDeps = { fetch: (input, init) => globalThis.fetch(input, init), baseUrl: '' };
