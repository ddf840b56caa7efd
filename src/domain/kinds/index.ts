/**
 * The record kinds' registry: every kind's definition, keyed by kind. Adding a kind to RECORD_KINDS
 * makes the compiler ask for its entry here and in body-schemas.ts; everything that differs by kind
 * (access facts, personal data, search, deadlines, attention) is read from here, never switched on.
 */
import type { GridRecord } from '../record-envelope';
import { RECORD_KINDS, type RecordKind } from '../record-kinds';
import { disputeKind } from './dispute';
import { gridEventKind } from './grid-event';
import type { KindDefinition, KindRules } from './kind-definition';
import { patrolKind } from './patrol';
import { rentalHouseKind } from './rental-house';
import { rentalInspectionKind } from './rental-inspection';

export const KINDS: { readonly [K in RecordKind]: KindDefinition<K> } = {
  patrol: patrolKind,
  rentalInspection: rentalInspectionKind,
  dispute: disputeKind,
  gridEvent: gridEventKind,
  rentalHouse: rentalHouseKind,
};

/** The kinds whose records have deadlines. */
export const KINDS_WITH_DEADLINES: readonly RecordKind[] = RECORD_KINDS.filter(
  (kind) => KINDS[kind].hasDeadlines,
);

/** The rules of a record's kind, to apply to that record's body. */
export function rulesOf(record: GridRecord): KindRules<GridRecord['body']> {
  // The one cast of the registry: TypeScript cannot tie a union's kind to its body, but the
  // definition picked by `record.kind` is the one written for exactly that kind's body.
  return KINDS[record.kind] as unknown as KindRules<GridRecord['body']>;
}

/** A kind's merge rules (merge.ts), with the body's field names as plain strings. */
export function mergeRulesOf(kind: RecordKind): {
  childLists: Readonly<Record<string, true>>;
  sets: readonly string[];
} {
  return KINDS[kind].merge;
}

/** The body fields of a kind only the server writes (KindDefinition.serverOwned). */
export function serverOwnedFields(kind: RecordKind): readonly string[] {
  return KINDS[kind].serverOwned;
}
