import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { type ErrorCode, type Issue, toIssues } from '../domain/protocol';

/** The one error the routes throw; `app.onError` turns it into the protocol's error body. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Parses untrusted input with a shared schema, or throws 400 `validation` naming each bad field. */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  message: string,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new ApiError(400, 'validation', message, toIssues(result.error.issues));
  return result.data;
}
