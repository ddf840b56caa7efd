import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { type ErrorCode, type Issue, toIssues } from '../domain/protocol';

/** The one error the routes throw; `app.onError` turns it into the protocol's error body. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  /** Extra response headers, e.g. `Retry-After` on 429. */
  readonly headers: Record<string, string> | undefined;
  /** A 401 that tells the device to delete the user's local data (remote wipe, protocol.ts). */
  readonly wipe: boolean = false;

  /** Like Hono's HTTPException: the answer's status, then the rest as options, `cause` among them. */
  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers;
  }
}

export interface ApiErrorOptions {
  /** The fields at fault, for a 400 `validation`. */
  issues?: Issue[];
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** What went wrong underneath (a parse error, a driver error), for the server's log. */
  cause?: unknown;
}

/** 401: the session was ended by `revoke-sessions --wipe`; the body says `wipe: true`. */
export class WipeRequestedError extends ApiError {
  override readonly wipe = true;
  constructor() {
    super(
      401,
      'unauthorized',
      'Session ended by an administrator, who asked this device to delete its local data',
    );
    this.name = 'WipeRequestedError';
  }
}

/** Parses untrusted input with a shared schema, or throws 400 `validation` naming each bad field. */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  message: string,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success)
    throw new ApiError(400, 'validation', message, { issues: toIssues(result.error.issues) });
  return result.data;
}
