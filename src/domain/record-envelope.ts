import * as z from 'zod/mini';
import { BODY_SCHEMAS } from './kinds/body-schemas';
import { RECORD_KINDS, RECORD_SCHEMA_VERSION, type RecordKind } from './record-kinds';
import { dateTimeSchema, plainString } from './text';

export { RECORD_SCHEMA_VERSION } from './record-kinds';

const gridIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const userIdSchema = plainString(64);

/** Fields every record carries, whatever its kind (DESIGN.md "Record envelope"). */
export const envelopeFields = {
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

/** One kind's record schema: the envelope, its kind, its body. */
type RecordSchemaOf<K extends RecordKind> = z.ZodMiniObject<
  typeof envelopeFields & { kind: z.ZodMiniLiteral<K>; body: (typeof BODY_SCHEMAS)[K] },
  z.core.$strict
>;

function recordSchemaOf<K extends RecordKind>(kind: K): RecordSchemaOf<K> {
  return z.strictObject({ ...envelopeFields, kind: z.literal(kind), body: BODY_SCHEMAS[kind] });
}

/** Every kind's record schema, from its body schema (kinds/body-schemas.ts). */
const RECORD_SCHEMAS = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, recordSchemaOf(kind)])) as {
  readonly [K in RecordKind]: RecordSchemaOf<K>;
};

type AnyRecordSchema = (typeof RECORD_SCHEMAS)[RecordKind];

/** Any record, validated by its kind's body schema. */
export const recordSchema = z.discriminatedUnion(
  'kind',
  // Every kind's schema: BODY_SCHEMAS's `satisfies` makes sure no kind is missing.
  Object.values(RECORD_SCHEMAS) as [AnyRecordSchema, ...AnyRecordSchema[]],
);

export type GridRecord = { [K in RecordKind]: z.infer<RecordSchemaOf<K>> }[RecordKind];
export type RecordOfKind<K extends RecordKind> = Extract<GridRecord, { kind: K }>;
export type PatrolRecord = RecordOfKind<'patrol'>;
export type RentalInspectionRecord = RecordOfKind<'rentalInspection'>;
export type DisputeRecord = RecordOfKind<'dispute'>;
export type RentalHouseRecord = RecordOfKind<'rentalHouse'>;
export type GridEventRecord = RecordOfKind<'gridEvent'>;

/** The body schema of each kind, for forms that validate a body alone. */
export const bodySchemaByKind = BODY_SCHEMAS;
