/**
 * The app's registry of record kinds: each kind's look and list row (app-kind.ts), keyed by kind.
 * Adding a kind to RECORD_KINDS makes the compiler ask for its entry here, in kind-screens.ts and in
 * the domain's registries; nothing else in the app names a kind.
 */
import type { GridRecord } from '../../domain/record-envelope';
import { RECORD_KINDS, type RecordKind } from '../../domain/record-kinds';
import type { AppKind } from './app-kind';
import { disputeApp } from './dispute/dispute-app';
import { gridEventApp } from './grid-event/grid-event-app';
import { patrolApp } from './patrol/patrol-app';
import { rentalHouseApp } from './rental-house/rental-house-app';
import { rentalInspectionApp } from './rental-inspection/rental-inspection-app';

export const APP_KINDS: { readonly [K in RecordKind]: AppKind<K> } = {
  patrol: patrolApp,
  rentalInspection: rentalInspectionApp,
  dispute: disputeApp,
  gridEvent: gridEventApp,
  rentalHouse: rentalHouseApp,
};

/** The app definition of a record's kind, to apply to that record. */
export function appKindOf(record: GridRecord): AppKind<RecordKind> {
  // The one cast of this registry: the definition picked by `record.kind` is the one written for
  // exactly that kind's records (TypeScript cannot tie a union's kind to the rest of it).
  return APP_KINDS[record.kind] as never;
}

/** The kinds 首页 offers to create, in display order. */
export const CREATE_KINDS: readonly RecordKind[] = RECORD_KINDS.filter(
  (kind) => APP_KINDS[kind].createFromHome,
);

export function kindSlug(kind: RecordKind): string {
  return APP_KINDS[kind].slug;
}

export function kindFromSlug(slug: string | undefined): RecordKind | undefined {
  return RECORD_KINDS.find((kind) => APP_KINDS[kind].slug === slug);
}

/** The i18n group of a kind's status labels; a kind this build does not know gets `<kind>Status`. */
export function statusLabelGroup(kind: string): string {
  return Object.hasOwn(APP_KINDS, kind) ? APP_KINDS[kind as RecordKind].statusGroup : `${kind}Status`;
}

/** The CSS value of a kind's colour, for a `--kind` custom property. */
export function kindColour(kind: RecordKind): string {
  return `var(${APP_KINDS[kind].colour.token})`;
}
