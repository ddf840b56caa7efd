/**
 * A pulled change read in two steps. First its envelope — what every record carries, whatever its
 * kind or body version — so a server that already holds a kind or body version this app does not
 * know (protocol.ts: server first, then apps) cannot stop the phone from syncing. Then, only for a
 * kind and version the app knows, the record itself (upcast, then today's record schema).
 */
import * as z from 'zod/mini';
import {
  bodySchemaByKind,
  envelopeFields,
  type GridRecord,
  RECORD_SCHEMA_VERSION,
  recordSchema,
} from './record-envelope';
import { upcastRecord } from './record-upcast';
import { plainString } from './text';

// The rules of the envelope's fields (grid id, rev range, timestamps) are record-envelope.ts's own.
const { id, gridId, rev, createdAt, createdBy, updatedAt, updatedBy, deleted } = envelopeFields;

/**
 * The envelope of a change of any kind and any body version. Loose: fields a newer server adds are
 * kept, so a change stored for a newer app is stored whole.
 */
export const changeEnvelopeSchema = z.looseObject({
  id,
  kind: plainString(64),
  schemaVersion: z.int().check(z.gte(1), z.lte(1_000_000)),
  gridId,
  rev,
  createdAt,
  createdBy,
  updatedAt,
  updatedBy,
  deleted,
  body: z.record(z.string(), z.unknown()),
});
export type ChangeEnvelope = z.infer<typeof changeEnvelopeSchema>;

/** What an app build can read: the kinds and body versions it knows, and how it reads one. */
export interface RecordReader {
  /** False for a kind this build does not know, or a body version newer than it knows. */
  knows(kind: string, schemaVersion: number): boolean;
  /** The change as a record of today's shape, or undefined when it breaks its kind's schema. */
  read(change: ChangeEnvelope): GridRecord | undefined;
}

/**
 * This build: the kinds it has a body schema for (RECORD_KINDS, each in the registry), body
 * versions up to RECORD_SCHEMA_VERSION, older ones upcast.
 */
export const appRecordReader: RecordReader = {
  knows: (kind, schemaVersion) =>
    Object.hasOwn(bodySchemaByKind, kind) && schemaVersion <= RECORD_SCHEMA_VERSION,
  read(change) {
    const parsed = recordSchema.safeParse(upcastRecord(change));
    return parsed.success ? parsed.data : undefined;
  },
};

/**
 * A change as this build takes it:
 * - `record`: readable, applied as a record;
 * - `newer`: a kind or body version only a newer app knows — kept whole, not shown, read again
 *   once the app updates;
 * - `unreadable`: a broken envelope, or a kind and version this build knows whose body breaks the
 *   schema (server data the app cannot show; only its id is kept).
 */
export type ChangeReading =
  | { as: 'record'; record: GridRecord }
  | { as: 'newer'; change: ChangeEnvelope }
  | { as: 'unreadable'; id: string };

export function readChange(
  change: { readonly id: string; readonly [field: string]: unknown },
  reader: RecordReader = appRecordReader,
): ChangeReading {
  const envelope = changeEnvelopeSchema.safeParse(change);
  if (!envelope.success) return { as: 'unreadable', id: change.id };
  if (!reader.knows(envelope.data.kind, envelope.data.schemaVersion))
    return { as: 'newer', change: envelope.data };
  const record = reader.read(envelope.data);
  return record ? { as: 'record', record } : { as: 'unreadable', id: change.id };
}
