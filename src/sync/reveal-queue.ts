/** Queues the audit entry of a reveal on the device, before the value is shown (domain/reveal.ts). */
import { type RevealEntry, type RevealReason, revealEntrySchema } from '../domain/reveal';
import type { LocalDb } from './local-db';
import { uuidV7 } from './uuid-v7';

export interface RevealRequest {
  recordId: string;
  /** Dotted path of the revealed value, e.g. `body.parties.<partyId>.phone`. */
  field: string;
  reason: RevealReason;
  reasonNote?: string;
}

export interface RevealContext {
  now: Date;
  /** navigator.onLine at the time of the reveal. */
  online: boolean;
}

/** Writes the queued entry and answers it; throws (and queues nothing) when the entry is invalid. */
export async function queueReveal(
  db: LocalDb,
  request: RevealRequest,
  context: RevealContext,
): Promise<RevealEntry> {
  const note = request.reasonNote?.trim();
  const entry = revealEntrySchema.parse({
    id: uuidV7(context.now.getTime()),
    at: context.now.toISOString(),
    recordId: request.recordId,
    field: request.field,
    reason: request.reason,
    ...(note ? { reasonNote: note } : {}),
    offline: !context.online,
  });
  await db.auditQueue.add({ ...entry, state: 'pending' });
  return entry;
}

/** Reveals not yet accepted by the server (pending or rejected), for the sync screen. */
export function countUnsentReveals(db: LocalDb): Promise<number> {
  return db.auditQueue.count();
}
