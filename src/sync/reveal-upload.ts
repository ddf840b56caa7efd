/**
 * Sends the queued reveal audit entries after the record push of a sync pass, so the records they
 * name are on the server first (a `not_found` is then final).
 *
 *   pending entries, 500 at a time ──POST /api/audit/reveals──▶
 *     recorded / duplicate ──▶ delete from the queue
 *     rejected ──▶ keep with the server's error, state rejected (never sent again)
 *   400/413 for the whole batch ──▶ split it until the refused entry is alone: rejected, the rest sent
 *   no network or 401 ──▶ stop the pass (everything stays queued)
 *   any other error ──▶ keep queued for the next pass; records still pull
 */
import type { ErrorBody } from '../domain/protocol';
import { PROTOCOL_VERSION } from '../domain/protocol';
import {
  MAX_REVEAL_ENTRIES,
  type RevealEntry,
  type RevealRequest,
  type RevealResult,
  revealEntrySchema,
  revealResponseSchema,
} from '../domain/reveal';
import { type HttpDeps, type HttpResult, requestJson, sendIsolating } from './http';
import type { LocalDb, QueuedReveal } from './local-db';

export type RevealUploadOutcome =
  | { kind: 'done'; sent: number; error?: string }
  | { kind: 'failed'; result: Exclude<HttpResult, { kind: 'ok' }> };

function wireEntry({ state: _state, error: _error, ...entry }: QueuedReveal): RevealEntry {
  return entry;
}

/** Marks entries that fail the shared schema as rejected here, so one bad row never wedges the queue. */
async function setAsideInvalid(db: LocalDb, queued: QueuedReveal[]): Promise<RevealEntry[]> {
  const valid: RevealEntry[] = [];
  for (const row of queued) {
    const parsed = revealEntrySchema.safeParse(wireEntry(row));
    if (parsed.success) valid.push(parsed.data);
    else {
      const error: ErrorBody = { code: 'validation', message: 'The entry is invalid on this device' };
      await db.auditQueue.update(row.id, { state: 'rejected', error });
    }
  }
  return valid;
}

/** Sends every pending reveal; stops at the first network error or 401. */
export async function uploadReveals(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  clientId: string,
): Promise<RevealUploadOutcome> {
  let sent = 0;
  for (;;) {
    const queued = await db.auditQueue.where('state').equals('pending').limit(MAX_REVEAL_ENTRIES).toArray();
    const entries = await setAsideInvalid(db, queued);
    if (entries.length === 0) return { kind: 'done', sent };
    const outcome = await sendIsolating(
      entries,
      (part) => {
        const request: RevealRequest = { protocol: PROTOCOL_VERSION, clientId, entries: [...part] };
        return requestJson(deps, '/api/audit/reveals', { method: 'POST', token, body: request });
      },
      (_part, body) => {
        const parsed = revealResponseSchema.safeParse(body);
        return parsed.success ? parsed.data.results : undefined;
      },
      (entry, error): RevealResult => ({ id: entry.id, status: 'rejected', error }),
    );
    if (outcome.kind === 'bad-response')
      return { kind: 'done', sent, error: 'Unexpected reveal audit response' };
    if (outcome.kind === 'failed') {
      const { result } = outcome;
      if (result.kind === 'network-error' || result.status === 401) return { kind: 'failed', result };
      return { kind: 'done', sent, error: `${result.status} ${result.code}: ${result.message}` };
    }
    const asked = new Set(entries.map((entry) => entry.id));
    let settled = 0;
    await db.transaction('rw', db.auditQueue, async () => {
      for (const answer of outcome.results) {
        if (!asked.has(answer.id)) continue;
        settled += 1;
        if (answer.status === 'rejected') {
          const error = answer.error ?? { code: 'internal', message: 'Rejected without a reason' };
          await db.auditQueue.update(answer.id, { state: 'rejected', error });
        } else await db.auditQueue.delete(answer.id);
      }
    });
    sent += settled;
    // A server that answers for none of the entries would otherwise be asked again forever.
    if (settled === 0) return { kind: 'done', sent, error: 'The server settled no reveal entry' };
  }
}
