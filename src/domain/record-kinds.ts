/** The record kinds, in display order. Kept apart from the schemas so UI code can use them without zod. */
export const RECORD_KINDS = ['patrol', 'rentalInspection', 'dispute', 'rentalHouse'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
