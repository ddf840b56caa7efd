/**
 * The rows of one export, a page at a time: live records of the kind in the export's grids, grid
 * by grid, read by keyset on (change number, id) after the last one (~1,000 a page), each kept only if the caller's
 * role may read it (access-rules.ts, the same rule as pull and reveals) and it matches the period
 * and status. Nothing holds more than a page. The pages are separate reads, not one snapshot: a
 * record changed during a long export gets a new change number, so it may come twice (its old
 * and new state) or, if it moved grids, not at all; the file says when it was made.
 */
import type { Kysely } from 'kysely';
import { canRead, recordFacts } from '../../domain/access-rules';
import { addDays, startOfLocalDay } from '../../domain/due-dates';
import { exportInstant } from '../../domain/export-columns';
import type { ExportRequest } from '../../domain/export-request';
import type { SessionUser } from '../../domain/protocol';
import type { GridRecord } from '../../domain/record-envelope';
import { liveRecordPages } from '../db/records.repository';
import type { Database } from '../db/schema';

export const EXPORT_PAGE_ROWS = 1_000;

export type ExportFilterRequest = Pick<ExportRequest, 'kind' | 'from' | 'to' | 'status'>;

/** Whether a record of the export's kind matches its period and status. */
function matcher(request: ExportFilterRequest): (record: GridRecord) => boolean {
  const fromMs = request.from === undefined ? -Infinity : startOfLocalDay(request.from).getTime();
  const toMs = request.to === undefined ? Infinity : startOfLocalDay(addDays(request.to, 1)).getTime();
  return (record) => {
    if (request.status !== undefined && (record.body as { status: string }).status !== request.status)
      return false;
    const at = Date.parse(exportInstant(record));
    return at >= fromMs && at < toMs;
  };
}

/** The export's records, page by page (a page may come out empty after the filters). */
export async function* exportPages(
  db: Kysely<Database>,
  user: SessionUser,
  gridIds: readonly string[],
  request: ExportFilterRequest,
): AsyncGenerator<GridRecord[]> {
  const matches = matcher(request);
  for await (const page of liveRecordPages(db, gridIds, [request.kind], EXPORT_PAGE_ROWS)) {
    yield page.filter(
      (record) => canRead(user.role, record.kind, recordFacts(record), user) && matches(record),
    );
  }
}
