/**
 * Personal data (个人信息, DOMAIN.md §6): its classes, and a record with it taken out, which is what a
 * tombstone keeps. Which body fields of a kind are personal is that kind's `personalFields` (kinds/);
 * masking.ts says how a personal value is shown in a list.
 *
 * Free text counts as personal: people type names, addresses and numbers into it, and names in
 * free text cannot be told apart (masking.ts). So do locations and patrol tracks (行踪轨迹), and a
 * party's traits (gender, age, occupation). Envelope fields, codes, statuses, dates, counts, user
 * ids and photo ids are not personal, and the facts access-rules.ts reads all stay, so a tombstone
 * still reaches everyone who had the record.
 */

import { KINDS } from './kinds/index';
import type { GridRecord } from './record-envelope';

export type PersonalClass = 'name' | 'phone' | 'idNo' | 'address' | 'freeText' | 'location' | 'trait';

/**
 * What stands in for a personal text where the body needs one. A tombstone must still be a valid
 * record: every app already installed validates each pulled record, tombstones too, so a field
 * that is required, or required by a rule (a failed case's reason), keeps a value of its shape.
 * The phone and ID number are visibly no one's (no area 000, no region 000000).
 */
export const ERASED_TEXT = '已删除';
export const ERASED_PHONE = '000-00000000';
export const ERASED_ID_NO = '000000000000000000';

/** What a text of the class becomes; undefined: the field is dropped (traits and locations are all optional). */
function erasedValue(kind: PersonalClass): string | undefined {
  if (kind === 'phone') return ERASED_PHONE;
  if (kind === 'idNo') return ERASED_ID_NO;
  if (kind === 'trait' || kind === 'location') return undefined;
  return ERASED_TEXT;
}

/** Replaces or drops the value at `path` under `node`. */
function erase(node: unknown, path: readonly string[], kind: PersonalClass): void {
  const [key, ...rest] = path;
  if (key === undefined || typeof node !== 'object' || node === null) return;
  if (key === '*') {
    if (Array.isArray(node)) for (const item of node) erase(item, rest, kind);
    return;
  }
  const parent = node as Record<string, unknown>;
  if (!Object.hasOwn(parent, key)) return;
  if (rest.length > 0) {
    erase(parent[key], rest, kind);
    return;
  }
  const erased = erasedValue(kind);
  if (erased === undefined) delete parent[key];
  else parent[key] = erased;
}

/** The record with every personal value of its kind erased; the record passed in is not changed. */
export function withoutPersonalData<R extends GridRecord>(record: R): R {
  // Bodies are JSON (they travel as JSON), so a JSON round trip is a deep copy.
  const body: unknown = JSON.parse(JSON.stringify(record.body));
  for (const [path, kind] of Object.entries(KINDS[record.kind].personalFields))
    erase(body, path.split('.'), kind);
  return { ...record, body } as R;
}
