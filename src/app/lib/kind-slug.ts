import type { RecordKind } from '../../domain/record-envelope';

/**
 * The kinds in display order. Same values as RECORD_KINDS in src/domain/record-envelope.ts, which
 * cannot be imported into the first chunk without the zod schemas next to it.
 */
export const KINDS = ['patrol', 'rentalInspection', 'dispute'] as const satisfies readonly RecordKind[];

/** URL segments for record kinds: `/new/rental` reads better than `/new/rentalInspection`. */
const SLUGS: Record<RecordKind, string> = {
  patrol: 'patrol',
  rentalInspection: 'rental',
  dispute: 'dispute',
};

export function kindSlug(kind: RecordKind): string {
  return SLUGS[kind];
}

export function kindFromSlug(slug: string | undefined): RecordKind | undefined {
  return (Object.keys(SLUGS) as RecordKind[]).find((kind) => SLUGS[kind] === slug);
}
