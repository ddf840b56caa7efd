import { Hono } from 'hono';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type PushResponse,
  pushRequestSchema,
} from '../../domain/protocol';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { claimOwnClient } from '../claim-own-client';
import { readJsonBody } from '../read-json-body';
import { issueCardsAfterPush } from '../supervision/issue-cards';
import { applyMutations } from './apply-mutation';

/** `POST /sync/push`: the batch in one transaction, results in request order. */
export function pushRoute(deps: AppDeps): Hono<AppEnv> {
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
    const response: PushResponse = { results: await applyMutations(deps.db, pusher, body.mutations) };
    await issueCardsAfterPush(deps.db, pusher.now, response.results);
    return c.json(response);
  });
  return routes;
}
