/** The one place device code talks HTTP: JSON in/out, bearer auth, network errors as values. */
import { errorResponseSchema } from '../domain/protocol';

export interface HttpDeps {
  fetch: typeof fetch;
  /** '' for same-origin. */
  baseUrl: string;
}

export type HttpResult =
  | { kind: 'ok'; status: number; body: unknown }
  /** `wipe`: a 401 that asks the device to delete the user's local data (device-wipe.ts). */
  | { kind: 'http-error'; status: number; code: string; message: string; wipe?: true }
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
    ...(status === 401 && parsed.success && parsed.data.error.wipe === true ? { wipe: true as const } : {}),
  };
}
