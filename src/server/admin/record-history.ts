/**
 * `npm run admin -- history --record ID`: who did what to one record, from the append-only audit
 * log — each change with the fields it touched, merges, deletes and restores, and every reveal of a
 * masked value with its reason, and every pull that served it to a device ("served to <user> at
 * <time>": who received the resident's data). Values themselves are not printed: the history is
 * read on a terminal, and names, phones and ID numbers stay in the database. What a device sent (a
 * reveal's note, field and reason, the client id) is printed through visibleText, so an escape
 * sequence in it cannot clear the screen or pose as another line.
 */
import type { Kysely } from 'kysely';
import { differingFields } from '../../domain/merge';
import type { GridRecord } from '../../domain/record-envelope';
import { visibleText } from '../../domain/text';
import { findRecordHistory, type RecordHistoryEntry } from '../db/audit-log.repository';
import type { Database } from '../db/schema';
import { AdminError } from './admin-commands';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The history as lines for the terminal, oldest first. */
export async function recordHistoryLines(db: Kysely<Database>, recordId: string): Promise<string[]> {
  if (!UUID.test(recordId)) throw new AdminError(`"${recordId}" is not a record id (a uuid).`);
  const entries = await findRecordHistory(db, recordId);
  if (entries.length === 0) throw new AdminError(`No history for record ${recordId}: it was never pushed.`);
  return entries.map((entry) => visibleText(historyLine(entry)));
}

function historyLine(entry: RecordHistoryEntry): string {
  const who = entry.username ?? entry.userId;
  const where = [entry.clientId ? `device ${entry.clientId.slice(0, 8)}` : '', entry.offline ? 'offline' : '']
    .filter(Boolean)
    .join(', ');
  return [entry.at, who.padEnd(14), entry.action.padEnd(8), whatChanged(entry), where ? `(${where})` : '']
    .filter(Boolean)
    .join('  ');
}

function whatChanged(entry: RecordHistoryEntry): string {
  if (entry.action === 'serve') {
    return `served to ${entry.username ?? entry.userId} at ${entry.at} (one pull page of ${entry.servedCount ?? '?'} records)`;
  }
  if (entry.action === 'reveal') {
    return `revealed ${entry.field ?? '?'} — reason ${entry.reason ?? '?'}${entry.reasonNote ? `: ${entry.reasonNote}` : ''}`;
  }
  const after = entry.after as GridRecord | null;
  const before = entry.before as GridRecord | null;
  const rev = after?.rev === undefined ? '' : `rev ${after.rev}`;
  if (!before || !after) return rev;
  const fields = differingFields(before, after);
  return `${rev}: ${fields.length > 0 ? fields.join(', ') : 'no field changed'}`;
}
