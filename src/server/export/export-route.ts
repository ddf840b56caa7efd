/**
 * `POST /api/export`: a supervisor's export (issue 13 item 4) of one kind of record in their org
 * subtree, as CSV or XLSX, streamed.
 *
 * Request (JSON, exportRequestSchema in domain/export-request.ts; unknown keys refused):
 *   { format: 'csv' | 'xlsx', kind: 'patrol' | 'rentalInspection' | 'dispute' | 'gridEvent' | 'rentalHouse',
 *     org?: <org id of the caller's: street, community or grid; default all the caller's grids>,
 *     from?: 'YYYY-MM-DD', to?: 'YYYY-MM-DD'   (China days, inclusive, on the kind's own date:
 *                                               巡查开始, 检查, 登记, 上报; a rental house's creation),
 *     status?: <a status of that kind>,
 *     masked?: boolean (default true),
 *     reason?: <a reveal reason, domain/reveal.ts>, reasonNote?: string  (required when masked is
 *                                               false; `other` needs the note) }
 * POST and not GET: an export is not a safe read (it writes its audit row; a prefetch or a retried
 * GET would be a second export), and the reason note is free text that must not land in URLs,
 * proxy logs and browser history.
 *
 * Answers:
 *   200  the file, streamed: `content-type` text/csv (UTF-8 with BOM) or the XLSX type,
 *        `content-disposition: attachment; filename=…`, `x-export-id: <uuid v7>`. Its first line
 *        (CSV) / first row (XLSX) is the watermark: who, when (北京时间), the export id, masked or
 *        not; then the Chinese headers (domain/export-columns.ts); then one row per record.
 *   400  validation, each bad field named in `issues` (format, kind, from, to, status, reason,
 *        reasonNote, or the unknown key itself).
 *   403  a role that supervises no area (网格长, 社区管理员, 街道管理员 do: org-scope.ts), or an
 *        `org` that is not the caller's (issue `org`).
 *
 * Rows: the live records of the kind in those grids that the caller's role may read (access-rules
 * `canRead`, as pull and reveals) — scope by assignment, never by what the request names. Masked by
 * the list masks; unmasked is what a reveal would show of the same rows (a reveal's only rule is
 * that the role reads the record), with the reveal's reasons.
 *
 * Audit: ONE audit_log row per export (action `export`, id = export id), written before the first
 * byte with outcome `started`, then settled `completed` with the row count, or `failed` (the
 * client went away, the database failed) with the rows written so far. A crash mid-export leaves
 * it `started`: the attempt is on record either way. A refused request writes nothing.
 */
import { Hono } from 'hono';
import { exportHeaders, exportRow, exportWatermark } from '../../domain/export-columns';
import { type ExportFilter, exportRequestSchema } from '../../domain/export-request';
import type { SessionUser } from '../../domain/protocol';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { ApiError, parseOrThrow } from '../api-error';
import type { AppDeps, AppEnv } from '../app-env';
import { requireSession } from '../auth/require-session';
import {
  type ExportAuditDetails,
  finishExportAuditEntry,
  insertExportAuditEntry,
} from '../db/audit-log.repository';
import { gridsInScope, requireSupervisor } from '../org-scope';
import { readJsonBody } from '../read-json-body';
import { EXPORT_CONTENT_TYPES, type ExportCell, exportFileStream } from './export-file';
import { exportId } from './export-id';
import { exportPages } from './export-rows';

const MAX_EXPORT_REQUEST_BYTES = 4 * 1024;

/** The sheet's name: Excel allows 31 characters, no : \ / ? * [ ]. */
const SHEET_NAMES: Readonly<Record<RecordKind, string>> = {
  patrol: '巡查日志',
  rentalInspection: '出租房检查',
  dispute: '矛盾纠纷',
  gridEvent: '上报事件',
  rentalHouse: '出租房',
};

/**
 * A key the request does not know (a filter this server lacks, a typo) is refused by its own name:
 * the schema would refuse it too, but zod's issue names no key.
 */
function refuseUnknownKeys(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(exportRequestSchema.def.shape, key));
  if (unknown.length > 0)
    throw new ApiError(400, 'validation', `Unknown export filter: ${unknown.join(', ')}`, {
      issues: unknown.map((key) => ({ path: key, message: 'Not a filter of the export' })),
    });
}

export function exportRoute(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post('/export', requireSession(deps), async (c) => {
    const raw = await readJsonBody(c, MAX_EXPORT_REQUEST_BYTES);
    refuseUnknownKeys(raw);
    const request = parseOrThrow(exportRequestSchema, raw, 'Invalid export request');
    const { user } = c.get('session');
    requireSupervisor(user, 'export');
    const gridIds = await gridsInScope(deps.db, user, request.org);
    const masked = request.masked !== false;
    const now = deps.now();
    const id = exportId(now.getTime());
    const filter: ExportFilter = {
      kind: request.kind,
      ...(request.org === undefined ? {} : { org: request.org }),
      ...(request.from === undefined ? {} : { from: request.from }),
      ...(request.to === undefined ? {} : { to: request.to }),
      ...(request.status === undefined ? {} : { status: request.status }),
    };
    const details: ExportAuditDetails = {
      format: request.format,
      filter,
      masked,
      outcome: 'started',
      rows: 0,
    };
    await insertExportAuditEntry(deps.db, {
      id,
      at: now.toISOString(),
      userId: user.id,
      kind: request.kind,
      reason: masked ? undefined : request.reason,
      reasonNote: masked ? undefined : request.reasonNote,
      details,
    });
    const body = exportFileStream(request.format, {
      watermark: exportWatermark(user, now, id, masked),
      headers: exportHeaders(request.kind),
      sheetName: SHEET_NAMES[request.kind],
      pages: auditedRows(deps, user, gridIds, request, id, details),
    });
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const filename = `gridkeeper-${request.kind}-${day}-${id}.${request.format}`;
    return c.body(body, 200, {
      'content-type': EXPORT_CONTENT_TYPES[request.format],
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-export-id': id,
    });
  });
  return routes;
}

/** The rows, counted into the audit row, which is settled when they end or stop. */
async function* auditedRows(
  deps: AppDeps,
  user: SessionUser,
  gridIds: readonly string[],
  request: Parameters<typeof exportPages>[3],
  id: string,
  details: ExportAuditDetails,
): AsyncGenerator<ExportCell[][]> {
  const masked = details.masked;
  let rows = 0;
  let outcome: ExportAuditDetails['outcome'] = 'failed';
  try {
    for await (const page of exportPages(deps.db, user, gridIds, request)) {
      const lines = page.map((record) => exportRow(record as RecordOfKind<RecordKind>, masked));
      rows += lines.length;
      yield lines;
    }
    outcome = 'completed';
  } finally {
    try {
      await finishExportAuditEntry(deps.db, id, { ...details, outcome, rows });
    } catch (error) {
      console.error('Export %s: could not settle its audit row (it stays started):', id, error);
    }
  }
}
