import type { RecordKind } from '../../domain/record-kinds';

/** URL segments for record kinds: `/new/rental` reads better than `/new/rentalInspection`. */
const SLUGS: Record<RecordKind, string> = {
  patrol: 'patrol',
  rentalInspection: 'rental',
  dispute: 'dispute',
  rentalHouse: 'house',
};

export function kindSlug(kind: RecordKind): string {
  return SLUGS[kind];
}

export function kindFromSlug(slug: string | undefined): RecordKind | undefined {
  return (Object.keys(SLUGS) as RecordKind[]).find((kind) => SLUGS[kind] === slug);
}
