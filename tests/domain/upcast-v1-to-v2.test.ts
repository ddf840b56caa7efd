/**
 * The frozen v1 → v2 step gives, to the byte, what the live upcaster gave when version 2 shipped:
 * the fixture was written by that upcaster (hazardsForChecklist over the catalogue of the day) for
 * inspections of every overall result, with and without a deadline, notes, photos, a blocked exit
 * and inspector-set levels over all 40 items, and for patrols and disputes of each shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upcastRecord } from '../../src/domain/record-upcast';
import { upcastV1ToV2 } from '../../src/domain/upcasts/v1-to-v2';

const cases = JSON.parse(
  readFileSync(new URL('./fixtures/upcast-v1-to-v2.json', import.meta.url), 'utf8'),
) as { input: { kind: string }; output: unknown }[];

describe('the frozen v1 → v2 step', () => {
  it('covers every kind that had a v1, and a kind born at v2', () => {
    expect(new Set(cases.map((c) => c.input.kind))).toEqual(
      new Set(['patrol', 'rentalInspection', 'dispute', 'rentalHouse']),
    );
  });

  it.each(cases.map((c, index) => [index, c.input.kind, c] as const))(
    'case %i (%s) upcasts to the byte',
    (_, __, c) => {
      expect(JSON.stringify(upcastV1ToV2(c.input))).toBe(JSON.stringify(c.output));
    },
  );

  it('is what the live upcaster does to a v1 record, before the later steps', () => {
    for (const c of cases) expect(upcastRecord(c.input)).toEqual(upcastRecord(upcastV1ToV2(c.input)));
  });
});
