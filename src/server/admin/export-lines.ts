/**
 * `npm run admin -- exports [--limit N]`: the exports from the audit log, newest first — who, when,
 * what filter, how many rows, masked or not (and the reason when not), how it ended, the export
 * id printed in the file's watermark. Text a client sent (the reason note, the org) goes through
 * visibleText, so an escape sequence in it cannot clear the screen or pose as another line.
 */
import type { Kysely } from 'kysely';
import { visibleText } from '../../domain/text';
import { type ExportListEntry, listExportAuditEntries } from '../db/audit-log.repository';
import type { Database } from '../db/schema';
import { AdminError } from './admin-commands';

export const DEFAULT_EXPORT_LINES = 50;
const MAX_EXPORT_LINES = 10_000;

/** The export rows as terminal lines, newest first; a line saying so when there are none. */
export async function exportLines(db: Kysely<Database>, limit?: string): Promise<string[]> {
  const count = limit === undefined ? DEFAULT_EXPORT_LINES : Number(limit);
  if (!Number.isInteger(count) || count < 1 || count > MAX_EXPORT_LINES)
    throw new AdminError(`--limit must be a whole number from 1 to ${MAX_EXPORT_LINES}, not "${limit}".`);
  const entries = await listExportAuditEntries(db, count);
  if (entries.length === 0) return ['No exports yet.'];
  return entries.map((entry) => visibleText(exportLine(entry)));
}

function exportLine(entry: ExportListEntry): string {
  const { details } = entry;
  const filter = Object.entries(details.filter)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  const masking = details.masked
    ? 'masked'
    : `UNMASKED reason ${entry.reason ?? '?'}${entry.reasonNote ? `: ${entry.reasonNote}` : ''}`;
  return [
    entry.at,
    (entry.username ?? entry.userId).padEnd(14),
    details.format.padEnd(4),
    filter,
    `${details.rows} rows`,
    masking,
    details.outcome,
    `export ${entry.id}`,
  ].join('  ');
}
