import { type Context, Hono } from 'hono';
import { canRead, readableKinds, recordFacts } from '../../domain/access-rules';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  type PullResponse,
  pullQuerySchema,
} from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { claimOwnClient } from '../claim-own-client';
import { insertServedAuditEntry } from '../db/audit-log.repository';
import { reportUnsynced } from '../db/clients.repository';
import { BASE_PARTITION, currentChangeSeqs, partitionsOfGrids } from '../db/counters.repository';
import { listChanges } from '../db/records.repository';
import { cursorPartitions, decodeCursor, encodeCursor } from './pull-cursor';

/**
 * `GET /sync/pull`: the changes after the cursor that the caller may read, oldest first.
 *
 * A pull takes one database connection for all its statements, the session check included, and
 * runs them back to back. Each statement used to take a connection of its own, so while devices
 * pushed, a pull waited in line behind the pushes once a statement, about ten times (SQLite has
 * one connection, which every push transaction holds to its end; PostgreSQL's pool was taken by
 * pushes waiting on a street's lock): pull p95 330–560 ms (issue 15). Now it waits once. The
 * statements still run outside a transaction, as before: the page is ONE statement (listChanges),
 * which is what pull-cursor.ts's reasoning needs.
 */
export function pullRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/sync/pull', (c) =>
    deps.db.connection().execute(async (db) => {
      const bound = { ...deps, db };
      let response: Response | undefined;
      await requireSession(bound)(c, async () => {
        response = await pull(c, bound);
      });
      return response as Response;
    }),
  );
  return routes;
}

async function pull(c: Context<AppEnv>, deps: AppDeps): Promise<Response> {
  const query = parseOrThrow(pullQuerySchema, c.req.query(), 'Invalid pull request');
  const limit = query.limit ?? DEFAULT_PULL_LIMIT;
  if (limit < 1 || limit > MAX_PULL_LIMIT) {
    throw new ApiError(400, 'validation', `limit must be 1..${MAX_PULL_LIMIT}`, {
      issues: [{ path: 'limit', message: `Expected 1..${MAX_PULL_LIMIT}` }],
    });
  }
  const { user } = c.get('session');
  const ackedSeq = await claimOwnClient(deps.db, query.clientId, user.id);
  if (query.unsynced !== undefined)
    await reportUnsynced(deps.db, query.clientId, query.unsynced, deps.now().toISOString());

  const partitions = await partitionsOfGrids(deps.db, user.scope.gridIds);
  const cursorScope = {
    gridIds: user.scope.gridIds,
    role: user.role,
    departmentId: user.departmentId,
    partitions,
  };
  const lastSeqs = await currentChangeSeqs(deps.db, [BASE_PARTITION, ...cursorPartitions(cursorScope)]);
  const { positions, reset } = decodeCursor(query.cursor, cursorScope, lastSeqs);
  // Kinds the role cannot read at all stay in SQL; rules on a record's facts are applied here.
  // One entry more than asked tells whether another page follows.
  const page = await listChanges(
    deps.db,
    readableKinds(user.role),
    [...positions].map(([partition, afterSeq]) => ({
      partition,
      afterSeq,
      gridIds: user.scope.gridIds.filter((gridId) => partitions.get(gridId) === partition),
    })),
    limit + 1,
  );
  const entries = page.slice(0, limit);
  // The cursor passes the entries filtered out too, so a page filtered to nothing still moves on.
  for (const { partition, changeSeq } of entries)
    positions.set(partition, Math.max(positions.get(partition) ?? 0, changeSeq));
  // A record that is two entries (its row and a departure) is sent once.
  const changes = [...new Map(entries.map(({ record }) => [record.id, record])).values()];
  const readable: GridRecord[] = [];
  // A changed record the user may no longer read — moved to a grid outside their scope, an
  // inspection no longer handed to 综合执法, a case taken by other mediators — is named, so the
  // device drops its copy instead of keeping a stale one; the record itself is not sent.
  const removed: string[] = [];
  const grids = new Set(user.scope.gridIds);
  for (const record of changes) {
    if (grids.has(record.gridId) && canRead(user.role, record.kind, recordFacts(record), user))
      readable.push(record);
    else removed.push(record.id);
  }

  // Pulled records carry unmasked personal data: one audit row per page says who got which
  // (DOMAIN.md §6.2 item 5). Written before the page is sent, so nothing is served unaudited.
  if (readable.length > 0) {
    await insertServedAuditEntry(deps.db, {
      at: deps.now().toISOString(),
      userId: user.id,
      clientId: query.clientId,
      recordIds: readable.map((record) => record.id),
    });
  }

  const response: PullResponse = {
    changes: readable,
    ...(removed.length > 0 && { removed }),
    cursor: encodeCursor(cursorScope, positions),
    hasMore: page.length > limit,
    ackedSeq,
  };
  if (reset) response.reset = true;
  return c.json(response);
}
