/**
 * A supervisor's export (`POST /api/export`, domain/export-request.ts): the file comes back whole as
 * a Blob for the page to save. Refusals and network failures come back as values, like http.ts.
 */
import type { ExportRequest } from '../domain/export-request';
import { type HttpDeps, type HttpResult, httpError } from './http';

export type ExportResult =
  | { kind: 'file'; blob: Blob; filename: string; exportId: string }
  | Exclude<HttpResult, { kind: 'ok' }>;

/** An export can take a while for a large area: longer than a sync request may. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

/** The file name the server gave (`attachment; filename="…"`), else one made of the export id. */
function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

export async function requestExport(
  deps: HttpDeps,
  token: string,
  request: ExportRequest,
): Promise<ExportResult> {
  let response: Response;
  try {
    response = await deps.fetch(`${deps.baseUrl}/api/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return httpError(response.status, body);
  }
  try {
    const blob = await response.blob();
    const exportId = response.headers.get('x-export-id') ?? '';
    return {
      kind: 'file',
      blob,
      filename: filenameOf(
        response.headers.get('content-disposition'),
        `gridkeeper-${exportId}.${request.format}`,
      ),
      exportId,
    };
  } catch (error) {
    // The connection broke while the file streamed: the server records the export as failed.
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  }
}
