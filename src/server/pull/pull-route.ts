import { Hono } from 'hono';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  type PullResponse,
  pullQuerySchema,
} from '../../domain/protocol';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { claimOwnClient } from '../claim-own-client';
import { currentChangeSeq } from '../db/counters.repository';
import { listChanges } from '../db/records.repository';
import { decodeCursor, encodeCursor, scopeFingerprint } from './pull-cursor';

/** `GET /sync/pull`: the caller's in-scope changes after the cursor, oldest first. */
export function pullRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/sync/pull', requireSession(deps), async (c) => {
    const query = parseOrThrow(pullQuerySchema, c.req.query(), 'Invalid pull request');
    const limit = query.limit ?? DEFAULT_PULL_LIMIT;
    if (limit < 1 || limit > MAX_PULL_LIMIT) {
      throw new ApiError(400, 'validation', `limit must be 1..${MAX_PULL_LIMIT}`, [
        { path: 'limit', message: `Expected 1..${MAX_PULL_LIMIT}` },
      ]);
    }
    const { user } = c.get('session');
    const ackedSeq = await claimOwnClient(deps.db, query.clientId, user.id);

    const fingerprint = scopeFingerprint(user.scope.gridIds);
    const { afterSeq, reset } = decodeCursor(query.cursor, fingerprint, await currentChangeSeq(deps.db));
    // One row more than asked tells whether another page follows.
    const page = await listChanges(deps.db, user.scope.gridIds, afterSeq, limit + 1);
    const changes = page.slice(0, limit);
    const lastSeq = changes.at(-1)?.changeSeq ?? afterSeq;

    const response: PullResponse = {
      changes: changes.map((change) => change.record),
      cursor: encodeCursor(lastSeq, fingerprint),
      hasMore: page.length > limit,
      ackedSeq,
    };
    if (reset) response.reset = true;
    return c.json(response);
  });
  return routes;
}
