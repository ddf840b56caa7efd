import { Hono } from 'hono';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type PushResponse,
  pushRequestSchema,
} from '../../domain/protocol';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { createConcurrencyLimiter } from '../auth/concurrency-limiter';
import { requireSession } from '../auth/require-session';
import { claimOwnClient } from '../claim-own-client';
import { POSTGRES_POOL_SIZE } from '../db/database';
import { readJsonBody } from '../read-json-body';
import { issueCardsAfterPush } from '../supervision/issue-cards';
import { applyMutations } from './apply-mutation';

/**
 * Push transactions one process runs at once. Pushes to one street decide one at a time under its
 * counter row lock (counters.repository.ts); on PostgreSQL each one waiting there holds a pool
 * connection, so 20 devices pushing to one street took every connection and pulls queued behind
 * them for one (pull p95 330–560 ms, issue 15). Past this many, a push waits here, holding
 * nothing, and the rest of the pool stays free for pulls and sign-ins. On SQLite, with its one
 * connection, it changes nothing.
 */
export const PUSH_TRANSACTIONS = POSTGRES_POOL_SIZE - 4;

/** `POST /sync/push`: the batch in one transaction, results in request order. */
export function pushRoute(deps: AppDeps): Hono<AppEnv> {
  const pushSlots = createConcurrencyLimiter({ concurrency: PUSH_TRANSACTIONS, maxWaiting: 10_000 });
  const routes = new Hono<AppEnv>();
  routes.post('/sync/push', requireSession(deps), async (c) => {
    const raw = await readJsonBody(c, MAX_PUSH_BYTES);
    // Checked before the schema so an oversized batch gets 413, not a 400 on the array length.
    const mutations = (raw as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(mutations) && mutations.length > MAX_PUSH_MUTATIONS) {
      throw new ApiError(413, 'too_large', `At most ${MAX_PUSH_MUTATIONS} mutations per push`);
    }
    const body = parseOrThrow(pushRequestSchema, raw, 'Invalid push request');
    const { user } = c.get('session');
    await claimOwnClient(deps.db, body.clientId, user.id);

    const pusher = { user, clientId: body.clientId, now: deps.now() };
    const results = await pushSlots.run(() => applyMutations(deps.db, pusher, body.mutations));
    const response: PushResponse = { results };
    await issueCardsAfterPush(deps.db, pusher.now, response.results);
    return c.json(response);
  });
  return routes;
}
