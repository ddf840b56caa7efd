/** The one place device code talks HTTP: JSON in/out, bearer auth, network errors as values. */
import { ERROR_CODES, type ErrorBody, errorResponseSchema, type Issue } from '../domain/protocol';

export interface HttpDeps {
  fetch: typeof fetch;
  /** '' for same-origin. */
  baseUrl: string;
}

export type HttpResult =
  | { kind: 'ok'; status: number; body: unknown }
  /** `wipe`: a 401 that asks the device to delete the user's local data (device-wipe.ts). */
  | { kind: 'http-error'; status: number; code: string; message: string; issues?: Issue[]; wipe?: true }
  | { kind: 'network-error'; message: string };

const REQUEST_TIMEOUT_MS = 60_000;

/** Sends one request. Never throws for network failures or HTTP errors: they come back as values. */
export async function requestJson(
  deps: HttpDeps,
  path: string,
  init: { method: 'GET' | 'POST'; token?: string; body?: unknown },
): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    const requestInit: RequestInit = {
      method: init.method,
      headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    };
    if (init.body !== undefined) requestInit.body = JSON.stringify(init.body);
    response = await deps.fetch(`${deps.baseUrl}${path}`, requestInit);
  } catch (error) {
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (response.ok) return { kind: 'network-error', message: `Unreadable response: ${String(error)}` };
    body = undefined;
  }
  if (response.ok) return { kind: 'ok', status: response.status, body };
  return httpError(response.status, body);
}

/** A non-2xx answer as a value, from its status and (parsed JSON) body. */
export function httpError(status: number, body: unknown): Extract<HttpResult, { kind: 'http-error' }> {
  const parsed = errorResponseSchema.safeParse(body);
  return {
    kind: 'http-error',
    status,
    code: parsed.success ? parsed.data.error.code : 'internal',
    message: parsed.success ? parsed.data.error.message : `HTTP ${status}`,
    ...(parsed.success && parsed.data.error.issues && { issues: parsed.data.error.issues }),
    ...(status === 401 && parsed.success && parsed.data.error.wipe === true ? { wipe: true as const } : {}),
  };
}

/**
 * Whether the server refused what was sent, not the moment (400 invalid, 413 too large): sent again
 * unchanged it is refused again, so a queue must set the item aside instead of retrying it for ever.
 * 401, 403 (another user's client id), 429 and 5xx are about the session or the server: retried.
 */
export function isRefusalOfContent(result: HttpResult): boolean {
  return result.kind === 'http-error' && (result.status === 400 || result.status === 413);
}

/** The error body an item carries once a refusal of content was narrowed down to it alone. */
export function refusalError(result: Extract<HttpResult, { kind: 'http-error' }>): ErrorBody {
  const code = (ERROR_CODES as readonly string[]).includes(result.code)
    ? (result.code as ErrorBody['code'])
    : 'validation';
  return { code, message: result.message, ...(result.issues && { issues: result.issues }) };
}

/**
 * Sends `items` as one request; when the server refuses the content (400/413), halves the batch
 * and sends each half, down to the one item it refuses, which `refused` answers for. So one bad
 * item costs about log2(n) extra requests and never holds back the items queued with it. Any other
 * failure stops at once and answers it (what was settled before is then sent again: idempotent).
 */
export async function sendIsolating<T, R>(
  items: readonly T[],
  send: (batch: readonly T[]) => Promise<HttpResult>,
  settle: (batch: readonly T[], body: unknown) => R[] | undefined,
  refused: (item: T, error: ErrorBody) => R,
): Promise<
  | { kind: 'ok'; results: R[] }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> }
  | { kind: 'bad-response' }
> {
  const result = await send(items);
  if (result.kind === 'ok') {
    const results = settle(items, result.body);
    return results ? { kind: 'ok', results } : { kind: 'bad-response' };
  }
  if (result.kind !== 'http-error' || !isRefusalOfContent(result) || items.length === 0)
    return { kind: 'failed', result };
  const [only] = items;
  if (items.length === 1 && only !== undefined)
    return { kind: 'ok', results: [refused(only, refusalError(result))] };
  const half = Math.ceil(items.length / 2);
  const results: R[] = [];
  for (const part of [items.slice(0, half), items.slice(half)]) {
    const outcome = await sendIsolating(part, send, settle, refused);
    if (outcome.kind !== 'ok') return outcome;
    results.push(...outcome.results);
  }
  return { kind: 'ok', results };
}
