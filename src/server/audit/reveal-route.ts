/**
 * `POST /audit/reveals`: the reveals a device made, each decided on its own (one refused entry
 * never blocks the others):
 *
 *   valid entry (revealEntrySchema)? ──no──▶ rejected validation, with the issues
 *   id seen? ──yes──▶ same user and a reveal? ──yes──▶ duplicate (nothing written)
 *     │no                                      └─no──▶ rejected forbidden
 *   record on the server? ──no──▶ rejected not_found (final: the device pushes records first)
 *   grid in scope, kind and facts readable by the role? ──no──▶ rejected forbidden
 *   append the audit row ──▶ recorded  (a racing twin that wrote first ▶ duplicate)
 */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { canRead, recordFacts } from '../../domain/access-rules';
import { type ErrorCode, type Issue, type SessionUser, toIssues } from '../../domain/protocol';
import {
  MAX_REVEAL_BYTES,
  MAX_REVEAL_ENTRIES,
  type RevealEntry,
  type RevealResponse,
  type RevealResult,
  revealBatchSchema,
  revealEntrySchema,
} from '../../domain/reveal';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import { claimOwnClient } from '../claim-own-client';
import { findAuditOwner, insertRevealAuditEntry } from '../db/audit-log.repository';
import { findRecord } from '../db/records.repository';
import type { Database } from '../db/schema';
import { readJsonBody } from '../read-json-body';

interface Revealer {
  user: SessionUser;
  clientId: string;
  now: Date;
}

function rejected(entry: { id: string }, code: ErrorCode, message: string, issues?: Issue[]): RevealResult {
  return { id: entry.id, status: 'rejected', error: issues ? { code, message, issues } : { code, message } };
}

async function seenBefore(db: Kysely<Database>, revealer: Revealer, entry: RevealEntry) {
  const owner = await findAuditOwner(db, entry.id);
  if (!owner) return undefined;
  if (owner.userId !== revealer.user.id || owner.action !== 'reveal') {
    return rejected(entry, 'forbidden', 'This entry id was already used');
  }
  return { id: entry.id, status: 'duplicate' } satisfies RevealResult;
}

async function decide(db: Kysely<Database>, revealer: Revealer, entry: RevealEntry): Promise<RevealResult> {
  const seen = await seenBefore(db, revealer, entry);
  if (seen) return seen;
  const record = await findRecord(db, entry.recordId);
  if (!record) return rejected(entry, 'not_found', `No record ${entry.recordId} on the server`);
  const { user } = revealer;
  if (
    !user.scope.gridIds.includes(record.gridId) ||
    !canRead(user.role, record.kind, recordFacts(record), user)
  ) {
    return rejected(entry, 'forbidden', `Record ${entry.recordId} is not readable by you`);
  }
  const written = await insertRevealAuditEntry(db, {
    id: entry.id,
    at: revealer.now.toISOString(),
    deviceAt: entry.at,
    userId: user.id,
    clientId: revealer.clientId,
    recordId: record.id,
    kind: record.kind,
    field: entry.field,
    reason: entry.reason,
    reasonNote: entry.reasonNote,
    offline: entry.offline,
  });
  if (written) return { id: entry.id, status: 'recorded' };
  return (await seenBefore(db, revealer, entry)) ?? { id: entry.id, status: 'duplicate' };
}

export function revealRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post('/audit/reveals', requireSession(deps), async (c) => {
    const raw = await readJsonBody(c, MAX_REVEAL_BYTES);
    // Checked before the schema so an oversized batch gets 413, not a 400 on the array length.
    const entries = (raw as { entries?: unknown } | null)?.entries;
    if (Array.isArray(entries) && entries.length > MAX_REVEAL_ENTRIES) {
      throw new ApiError(413, 'too_large', `At most ${MAX_REVEAL_ENTRIES} reveal entries per request`);
    }
    const body = parseOrThrow(revealBatchSchema, raw, 'Invalid reveal audit request');
    const { user } = c.get('session');
    await claimOwnClient(deps.db, body.clientId, user.id);

    const revealer: Revealer = { user, clientId: body.clientId, now: deps.now() };
    const results: RevealResult[] = [];
    for (const candidate of body.entries) {
      const entry = z.safeParse(revealEntrySchema, candidate);
      results.push(
        entry.success
          ? await decide(deps.db, revealer, entry.data)
          : rejected(candidate, 'validation', 'The reveal entry is invalid', toIssues(entry.error.issues)),
      );
    }
    const response: RevealResponse = { results };
    return c.json(response);
  });
  return routes;
}
