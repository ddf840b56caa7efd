/**
 * What `POST /api/export` accepts (server: src/server/export/export-route.ts; the app's 导出 button
 * sends the same): one kind, a format, and the supervisor screen's filters. Unmasked only with a
 * reason from the reveal reasons (reveal.ts), `other` with a note. Every field is named in the
 * issues of a refusal.
 */
import * as z from 'zod/mini';
import { DISPUTE_STATUSES } from './dispute';
import { GRID_EVENT_STATUSES } from './event-workflow';
import { PATROL_STATUSES } from './patrol';
import { RECORD_KINDS, type RecordKind } from './record-kinds';
import { RENTAL_HOUSE_STATUSES } from './rental-house';
import { INSPECTION_STATUSES } from './rental-inspection';
import { MAX_REVEAL_NOTE_CHARS, REVEAL_REASONS } from './reveal';
import { dateSchema, optionalMultilineText, plainString } from './text';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The statuses a kind's records take: what the `status` filter may name. */
export const EXPORT_STATUSES: { readonly [K in RecordKind]: readonly string[] } = {
  patrol: PATROL_STATUSES,
  rentalInspection: INSPECTION_STATUSES,
  dispute: DISPUTE_STATUSES,
  gridEvent: GRID_EVENT_STATUSES,
  rentalHouse: RENTAL_HOUSE_STATUSES,
};

/** The longest period one export may cover (`from`…`to`), in days. */
export const MAX_EXPORT_PERIOD_DAYS = 3660;

export const exportRequestSchema = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    kind: z.enum(RECORD_KINDS),
    /** An org (street, community, grid) of the caller's; absent: all of the caller's grids. */
    org: z.optional(plainString(64)),
    /** First and last day (China time, inclusive) of the kind's own date (exportInstant). */
    from: z.optional(dateSchema),
    to: z.optional(dateSchema),
    status: z.optional(plainString(32)),
    /** True unless said otherwise: masked by the list masks (export-columns.ts). */
    masked: z.optional(z.boolean()),
    reason: z.optional(z.enum(REVEAL_REASONS)),
    reasonNote: optionalMultilineText(MAX_REVEAL_NOTE_CHARS),
  })
  .check(
    z.refine(
      (request) => request.status === undefined || EXPORT_STATUSES[request.kind].includes(request.status),
      {
        message: 'Not a status of this kind',
        path: ['status'],
      },
    ),
    z.refine((request) => !request.from || !request.to || request.from <= request.to, {
      message: 'The period ends before it starts',
      path: ['to'],
    }),
    z.refine((request) => request.masked !== false || request.reason !== undefined, {
      message: 'An unmasked export needs a reason',
      path: ['reason'],
    }),
    z.refine((request) => request.reason !== 'other' || (request.reasonNote ?? '').trim() !== '', {
      message: 'A note is required when the reason is other',
      path: ['reasonNote'],
    }),
  );
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** The filter of an export as the audit row keeps it (no reason: that has its own columns). */
export type ExportFilter = Pick<ExportRequest, 'kind' | 'org' | 'from' | 'to' | 'status'>;
