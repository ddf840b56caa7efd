/** The record kinds, in display order. Kept apart from the schemas so UI code can use them without zod. */
export const RECORD_KINDS = ['patrol', 'rentalInspection', 'dispute', 'gridEvent', 'rentalHouse'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * Version of the record bodies. Bump with a frozen upcast step (upcasts/, record-upcast.ts) when a body changes shape.
 *   1  core fields of patrol, rentalInspection, dispute
 *   2  the field model of DOMAIN.md: patrol findings/track, hazards on inspections, the dispute
 *      case file (sessions, agreement, follow-ups, flow log), the rentalHouse kind
 *   3  signatures on the dispute's agreement (signature.ts); no other body changes shape
 */
export const RECORD_SCHEMA_VERSION = 3;
