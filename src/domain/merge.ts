/**
 * Three-way merge of two edits of one record made from a common base (DESIGN.md "Sync protocol v1":
 * merge what touched different fields or only appended to child lists; anything else is a conflict,
 * never last-writer-wins).
 *
 * The unit of merging is a field: `gridId` and each key of `body`. A nested object (`location`) or
 * an array of plain values (`patrolTypes`, `checklist`) is one field. What merges finer is named by
 * each kind's `merge` rules (kinds/): a CHILD LIST (dispute `parties`, `sessions`, a house's
 * `tenants`…) is merged item by item by `id`, so two people appending to it never collide; a SET
 * (`photoIds`, sha256 strings) keeps both sides' additions and honours removals.
 *
 * Paths name what collided, dotted like the wire `issues`: `gridId`, `body.summary`,
 * `body.parties.<item id>`.
 */
import { mergeRulesOf } from './kinds';
import type { GridRecord } from './record-envelope';

export type MergeResult = { ok: true; merged: GridRecord } | { ok: false; conflicts: string[] };

/**
 * What a collision (both sides changed one field differently) becomes: a conflict for people to
 * resolve (the server, and any edit that meets someone else's), or mine — only for two edits by
 * the same person on the same device, where the later one is what its author meant.
 */
export type Collisions = 'conflict' | 'mine';

type Fields = Record<string, unknown>;

/** Deep equality of JSON-like values; an object key holding `undefined` counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const aKeys = definedKeys(a as Fields);
  const bKeys = definedKeys(b as Fields);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Fields)[key], (b as Fields)[key]));
}

/**
 * Merges `mine` (the pushed edit) and `theirs` (the server's current record), both made from
 * `base`. The merged envelope is theirs (id, kind, rev, created*, deleted) with mine's updatedAt
 * and updatedBy; the server restamps rev and updatedBy when it stores it.
 */
export function threeWayMerge(
  base: GridRecord,
  mine: GridRecord,
  theirs: GridRecord,
  collisions: Collisions = 'conflict',
): MergeResult {
  // Bodies of different kinds or schema versions have different shapes: nothing to merge field by field.
  for (const field of ['kind', 'schemaVersion'] as const) {
    if (base[field] !== theirs[field] || mine[field] !== theirs[field])
      return { ok: false, conflicts: [field] };
  }
  const conflicts: string[] = [];
  const collide = collisions === 'mine' ? undefined : conflicts;
  const rules = mergeRulesOf(theirs.kind);
  const gridId = mergeWhole('gridId', base.gridId, mine.gridId, theirs.gridId, collide);
  const body: Fields = {};
  const bodies = [base.body, mine.body, theirs.body] as Fields[];
  for (const key of unionKeys(bodies)) {
    const [b, m, t] = bodies.map((fields) => fields[key]);
    const path = `body.${key}`;
    const value =
      Object.hasOwn(rules.childLists, key) && isChildListField([b, m, t])
        ? mergeUnlessEqual(b, m, t, () => mergeChildList(path, b, m, t, collide))
        : rules.sets.includes(key)
          ? mergeUnlessEqual(b, m, t, () => mergeSet(b, m, t))
          : mergeWhole(path, b, m, t, collide);
    if (value !== undefined) body[key] = value;
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  const merged = {
    ...theirs,
    gridId: gridId as string,
    body,
    updatedAt: mine.updatedAt,
    updatedBy: mine.updatedBy,
  } as GridRecord;
  return { ok: true, merged };
}

/**
 * The paths where two records differ, in the vocabulary of `threeWayMerge` conflicts, plus
 * `deleted` when one is a tombstone — for the device's resolution screen. A child list that differs
 * only in order is reported as the list itself.
 */
export function differingFields(a: GridRecord, b: GridRecord): string[] {
  const rules = mergeRulesOf(b.kind);
  const paths: string[] = [];
  if (a.gridId !== b.gridId) paths.push('gridId');
  if (a.deleted !== b.deleted) paths.push('deleted');
  const bodies = [a.body, b.body] as Fields[];
  for (const key of unionKeys(bodies)) {
    const [x, y] = bodies.map((fields) => fields[key]);
    if (deepEqual(x, y)) continue;
    const path = `body.${key}`;
    if (!Object.hasOwn(rules.childLists, key) || !isChildListField([x, y])) {
      paths.push(path);
      continue;
    }
    const xItems = itemsById(x);
    const yItems = itemsById(y);
    const ids = [...new Set([...xItems.keys(), ...yItems.keys()])];
    const changed = ids.filter((id) => !deepEqual(xItems.get(id), yItems.get(id)));
    paths.push(...(changed.length > 0 ? changed.map((id) => `${path}.${id}`) : [path]));
  }
  return paths;
}

/** The side that changed, when only one did (or both alike); otherwise what `both` makes of it. */
function mergeUnlessEqual(base: unknown, mine: unknown, theirs: unknown, both: () => unknown): unknown {
  if (deepEqual(mine, theirs)) return theirs;
  if (deepEqual(mine, base)) return theirs;
  if (deepEqual(theirs, base)) return mine;
  return both();
}

/** One field as a whole. `conflicts` collects the colliding paths; without it, mine wins each collision. */
function mergeWhole(
  path: string,
  base: unknown,
  mine: unknown,
  theirs: unknown,
  conflicts: string[] | undefined,
): unknown {
  return mergeUnlessEqual(base, mine, theirs, () => {
    if (!conflicts) return mine;
    conflicts.push(path);
    return theirs;
  });
}

/**
 * Item by item: additions on either side are kept (theirs' order, then mine's new items); a removal
 * stands if the other side left the item unchanged; an item changed on one side takes that change.
 * Changed differently on both sides, or removed on one and changed on the other → `path.<id>`.
 */
function mergeChildList(
  path: string,
  baseList: unknown,
  mineList: unknown,
  theirsList: unknown,
  conflicts: string[] | undefined,
): unknown[] {
  const base = itemsById(baseList);
  const mine = itemsById(mineList);
  const theirs = itemsById(theirsList);
  const merged: unknown[] = [];
  // Mine winning a collision: my version of the item, or its removal.
  const conflict = (id: string) => {
    const mineItem = mine.get(id);
    if (!conflicts) {
      if (mineItem !== undefined) merged.push(mineItem);
      return;
    }
    conflicts.push(`${path}.${id}`);
  };

  for (const [id, their] of theirs) {
    const mineItem = mine.get(id);
    const baseItem = base.get(id);
    if (mineItem === undefined) {
      // Added by them, or kept by them and removed by me: the removal stands only over an unchanged item.
      if (baseItem === undefined) merged.push(their);
      else if (!deepEqual(their, baseItem)) conflict(id);
      continue;
    }
    if (deepEqual(mineItem, their) || deepEqual(mineItem, baseItem)) merged.push(their);
    else if (baseItem !== undefined && deepEqual(their, baseItem)) merged.push(mineItem);
    else conflict(id);
  }
  for (const [id, mineItem] of mine) {
    if (theirs.has(id)) continue;
    const baseItem = base.get(id);
    if (baseItem === undefined) merged.push(mineItem);
    else if (!deepEqual(mineItem, baseItem)) conflict(id);
  }
  return merged;
}

/** Set merge: theirs, plus what I added, minus what I removed. Never a conflict. */
function mergeSet(base: unknown, mine: unknown, theirs: unknown): unknown[] | undefined {
  const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const before = new Set(asList(base));
  const mineSet = new Set(asList(mine));
  const removed = new Set([...before].filter((item) => !mineSet.has(item)));
  const merged = asList(theirs).filter((item) => !removed.has(item));
  for (const item of mineSet) if (!before.has(item) && !merged.includes(item)) merged.push(item);
  return merged.length > 0 || Array.isArray(theirs) || Array.isArray(mine) ? merged : undefined;
}

/** A child list: items are objects with a string `id`, unique within the list. */
function isChildList(value: unknown): value is Fields[] {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
    const id = (item as Fields).id;
    if (typeof id !== 'string' || ids.has(id)) return false;
    ids.add(id);
  }
  return true;
}

/**
 * Every version is a child list or absent (a named child list whose ids repeat merges as one
 * field, so no item is lost to another with its id), and at least one has an item.
 */
function isChildListField(values: readonly unknown[]): boolean {
  return (
    values.every((value) => value === undefined || isChildList(value)) &&
    values.some((value) => Array.isArray(value) && value.length > 0)
  );
}

function itemsById(list: unknown): Map<string, Fields> {
  const items = new Map<string, Fields>();
  if (isChildList(list)) for (const item of list) items.set(item.id as string, item);
  return items;
}

function unionKeys(objects: readonly Fields[]): string[] {
  return [...new Set(objects.flatMap(definedKeys))];
}

function definedKeys(object: Fields): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined);
}
