import * as z from 'zod/mini';
import { disputeBodySchema } from './dispute';
import { patrolBodySchema } from './patrol';
import type { RecordKind } from './record-kinds';
import { rentalHouseBodySchema } from './rental-house';
import { rentalInspectionBodySchema } from './rental-inspection';
import { dateTimeSchema, plainString } from './text';

/**
 * Version of the record bodies. Bump with an upcaster (record-upcast.ts) when a body changes shape.
 *   1  core fields of patrol, rentalInspection, dispute
 *   2  the field model of DOMAIN.md: patrol findings/track, hazards on inspections, the dispute
 *      case file (sessions, agreement, follow-ups, flow log), the rentalHouse kind
 */
export const RECORD_SCHEMA_VERSION = 2;

const gridIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const userIdSchema = plainString(64);

/** Fields every record carries, whatever its kind (DESIGN.md "Record envelope"). */
const envelopeFields = {
  id: z.uuid(),
  gridId: gridIdSchema,
  /** Server revision; 0 = never synced. */
  rev: z.int().check(z.gte(0), z.lte(1_000_000_000)),
  createdAt: dateTimeSchema,
  createdBy: userIdSchema,
  updatedAt: dateTimeSchema,
  updatedBy: userIdSchema,
  deleted: z.boolean(),
  /** Always the current version: older records are upcast before they are validated. */
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
};

export const patrolRecordSchema = z.strictObject({
  ...envelopeFields,
  kind: z.literal('patrol'),
  body: patrolBodySchema,
});
export const rentalInspectionRecordSchema = z.strictObject({
  ...envelopeFields,
  kind: z.literal('rentalInspection'),
  body: rentalInspectionBodySchema,
});
export const rentalHouseRecordSchema = z.strictObject({
  ...envelopeFields,
  kind: z.literal('rentalHouse'),
  body: rentalHouseBodySchema,
});
export const disputeRecordSchema = z.strictObject({
  ...envelopeFields,
  kind: z.literal('dispute'),
  body: disputeBodySchema,
});

/** Any record, validated by its kind's body schema. */
export const recordSchema = z.discriminatedUnion('kind', [
  patrolRecordSchema,
  rentalInspectionRecordSchema,
  disputeRecordSchema,
  rentalHouseRecordSchema,
]);

export type GridRecord = z.infer<typeof recordSchema>;
export type PatrolRecord = z.infer<typeof patrolRecordSchema>;
export type RentalInspectionRecord = z.infer<typeof rentalInspectionRecordSchema>;
export type DisputeRecord = z.infer<typeof disputeRecordSchema>;
export type RentalHouseRecord = z.infer<typeof rentalHouseRecordSchema>;
export type RecordOfKind<K extends RecordKind> = Extract<GridRecord, { kind: K }>;

/** The body schema of each kind, for forms that validate a body alone. */
export const bodySchemaByKind = {
  patrol: patrolBodySchema,
  rentalInspection: rentalInspectionBodySchema,
  dispute: disputeBodySchema,
  rentalHouse: rentalHouseBodySchema,
} as const;
