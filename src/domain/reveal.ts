/**
 * The audited reveal of a masked value (DOMAIN.md §6.2 items 1 and 5): every "查看完整信息" is an
 * entry made on the device (online or not), queued, and sent to `POST /api/audit/reveals` after
 * the record push of a sync pass. Entries are idempotent by id and decided one by one; `rejected` is final.
 */
import * as z from 'zod/mini';
import { errorBodySchema, PROTOCOL_VERSION } from './protocol';
import { dateTimeSchema, optionalMultilineText } from './text';

/** Why a worker needs the full value; labelled in the `revealReason` i18n group. */
export const REVEAL_REASONS = [
  'contactParty',
  'verifyIdentity',
  'mediationFile',
  'rentalRegistration',
  'policeReferral',
  /** 打印文书: a printed paper (协议书, 整改通知书) shows the full values; queued when it opens. */
  'printPaper',
  'other',
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];
/** The reasons a person picks from; `printPaper` is the print page's own, never offered. */
export const ASKED_REVEAL_REASONS = REVEAL_REASONS.filter((reason) => reason !== 'printPaper');

export const MAX_REVEAL_ENTRIES = 500;
export const MAX_REVEAL_NOTE_CHARS = 200;
export const MAX_REVEAL_FIELD_CHARS = 200;
/** 500 entries of well under 1 KB each. */
export const MAX_REVEAL_BYTES = 1024 * 1024;

/** A dotted field path inside the record: `body.landlordPhone`, `body.parties.<partyId>.idNo`. */
const fieldPathSchema = z
  .string()
  .check(z.maxLength(MAX_REVEAL_FIELD_CHARS), z.regex(/^body(\.[A-Za-z0-9_-]+)+$/));

export const revealEntrySchema = z
  .strictObject({
    id: z.uuid(),
    /** When the value was revealed, by the device's clock. */
    at: dateTimeSchema,
    recordId: z.uuid(),
    field: fieldPathSchema,
    reason: z.enum(REVEAL_REASONS),
    reasonNote: optionalMultilineText(MAX_REVEAL_NOTE_CHARS),
    /** navigator.onLine when revealed. */
    offline: z.boolean(),
  })
  .check(
    z.refine((entry) => entry.reason !== 'other' || (entry.reasonNote ?? '').trim() !== '', {
      message: 'A note is required when the reason is other',
      path: ['reasonNote'],
    }),
  );
export type RevealEntry = z.infer<typeof revealEntrySchema>;

export const revealRequestSchema = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  clientId: z.uuid(),
  entries: z.array(revealEntrySchema).check(z.minLength(1), z.maxLength(MAX_REVEAL_ENTRIES)),
});
export type RevealRequest = z.infer<typeof revealRequestSchema>;

/**
 * What the server checks of a request as a whole: each entry only needs an id to be answered for,
 * and is then validated on its own (revealEntrySchema), so one bad entry is `rejected` with its
 * issues instead of refusing the batch — and every entry queued behind it.
 */
export const revealBatchSchema = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  clientId: z.uuid(),
  entries: z.array(z.looseObject({ id: z.uuid() })).check(z.minLength(1), z.maxLength(MAX_REVEAL_ENTRIES)),
});

export const REVEAL_STATUSES = ['recorded', 'duplicate', 'rejected'] as const;
export type RevealStatus = (typeof REVEAL_STATUSES)[number];

export const revealResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(REVEAL_STATUSES),
  error: z.optional(errorBodySchema),
});
export type RevealResult = z.infer<typeof revealResultSchema>;

export const revealResponseSchema = z.object({ results: z.array(revealResultSchema) });
export type RevealResponse = z.infer<typeof revealResponseSchema>;
