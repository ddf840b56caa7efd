/**
 * What a record kind is, on every side: one definition per kind in this folder, collected by
 * index.ts. Free of zod (the home screen's first chunk reads it; the body schemas would add about
 * 17 KB gzipped there), so each kind's body schema is registered apart, in body-schemas.ts.
 *
 * Everything here is pure and reads a validated body: a change this build cannot read never becomes
 * a record (pull keeps it opaque), so no definition needs to guard against foreign shapes.
 */
import type * as z from 'zod/mini';
import type { RecordFacts } from '../access-rules';
import type { PersonalClass } from '../personal-fields';
import type { RecordKind } from '../record-kinds';
import type { NearDays, TodayTask } from '../today-tasks';
import type { BODY_SCHEMAS } from './body-schemas';

export type BodyOf<K extends RecordKind> = z.infer<(typeof BODY_SCHEMAS)[K]>;

/** The body fields holding a list of items that each carry a string `id`. */
export type ChildListField<Body> = {
  [F in keyof Body]-?: NonNullable<Body[F]> extends readonly { id: string }[] ? F : never;
}[keyof Body];

/** The body fields holding a list of plain strings. */
type StringListField<Body> = {
  [F in keyof Body]-?: NonNullable<Body[F]> extends readonly string[] ? F : never;
}[keyof Body];

/**
 * How two edits of a body merge (merge.ts), beyond the default of one field at a time.
 * - `childLists` names EVERY list of items with an id (the type asks for each of them): merged
 *   item by item, so two people appending to it never collide. A new list of this shape that is
 *   not named would not compile.
 * - `sets`: lists of plain ids where only membership matters (photos by sha256): both sides'
 *   additions kept, removals honoured, never a conflict.
 */
export interface MergeRules<Body> {
  childLists: { readonly [F in ChildListField<Body>]: true };
  sets: readonly StringListField<Body>[];
}

/**
 * What needs attention about a record now, most urgent first: its deadline passed, a dispute's
 * red or orange risk, a hazard nobody has settled.
 */
export type RecordAttention = 'overdue' | 'riskRed' | 'riskOrange' | 'openHazard' | 'none';

/** The rules of one kind over its body. */
export interface KindRules<Body> {
  /** The facts the access rules (access-rules.ts) read. */
  accessFacts(body: Body): RecordFacts;
  /** Free text a search matches: titles, addresses, names. The caller cuts phone and ID numbers out. */
  searchText(body: Body): string[];
  /** Coded values whose labels a search matches too, as [label group, value]. */
  searchLabels(body: Body): [group: string, value: string][];
  /** 逾期 at `now`, by the kind's one definition of its deadlines (hazard-status.ts, dispute-status.ts). */
  overdue(body: Body, now: Date): boolean;
  /** The most urgent thing needing attention at `now`. */
  attention(body: Body, now: Date): RecordAttention;
  /** Its 今日待办 at `now` (today-tasks.ts), unsorted. */
  todayTasks(body: Body, recordId: string, now: Date, near: NearDays): TodayTask[];
}

export interface KindDefinition<K extends RecordKind> extends KindRules<BodyOf<K>> {
  kind: K;
  /**
   * The body version the kind was born at. Older records are upcast by the frozen steps of
   * domain/upcasts/ (record-upcast.ts), which name each kind they touch.
   */
  bornAt: number;
  /** Whether its records have deadlines (今日待办, 逾期): which records the 今日待办 card reads. */
  hasDeadlines: boolean;
  /** The body paths holding personal data (`*`: every item of a list): what tombstones strip. */
  personalFields: Readonly<Record<string, PersonalClass>>;
  merge: MergeRules<BodyOf<K>>;
  /**
   * The body fields only the server writes (a 上报事件's step clock): a device never sets them, so
   * a server copy that differs from what the device sent in these alone is still the device's own
   * content, not someone else's (local-db.ts `foreignRevAfter`).
   */
  serverOwned: readonly (keyof BodyOf<K> & string)[];
}
