/**
 * Random scenarios for the sync model: what three devices do, step by step. Targets are numbers
 * the runner maps onto the records a device holds at that moment (modulo their count), so every
 * generated — and every shrunk — scenario can run.
 */
import fc from 'fast-check';
import { FAULTS, type Scripted } from './fault-network';

/** Three users who share grid dachang-hubin-01: its grid worker, the grid leader and the police. */
export const DEVICE_USERS = ['hb-grid01', 'hb-leader', 'hb-police'] as const;
export type DeviceIndex = 0 | 1 | 2;

export type LocalOp =
  /** A new record; `outOfScope` puts it in a grid none of the users may write (→ rejected). */
  | { kind: 'create'; recordKind: 'patrol' | 'dispute'; outOfScope: boolean }
  /** Sets a text field to a fresh marker: patrol content; dispute summary (field 0) or title (1). */
  | { kind: 'edit'; target: number; field: 0 | 1 }
  /** Appends a party to a dispute's child list. */
  | { kind: 'appendParty'; target: number }
  | { kind: 'delete'; target: number };

export type Step = { device: DeviceIndex } & (
  | LocalOp
  | { kind: 'offline' }
  | { kind: 'online' }
  /** One sync pass; the pass's requests meet `faults` in order; `midFlight` runs on edit-in-flight. */
  | { kind: 'sync'; faults: Scripted[]; midFlight: LocalOp }
  /** All three devices sync at once (`device` is ignored), each meeting its own faults. */
  | { kind: 'syncAll'; faults: [Scripted[], Scripted[], Scripted[]] }
);

const target = fc.nat({ max: 7 });

const localOp: fc.Arbitrary<LocalOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      recordKind: fc.constantFrom('patrol' as const, 'dispute' as const),
      outOfScope: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, fc.constant(true)),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      target,
      field: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('appendParty' as const), target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
);

const scripted: fc.Arbitrary<Scripted> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('ok' as const) },
  { weight: 7, arbitrary: fc.constantFrom(...FAULTS) },
);

const faults = fc.array(scripted, { maxLength: 4 });

const device = fc.constantFrom<DeviceIndex>(0, 1, 2);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(device, localOp).map(([d, op]): Step => ({ device: d, ...op })) },
  { weight: 1, arbitrary: fc.record({ device, kind: fc.constant('offline' as const) }) },
  { weight: 1, arbitrary: fc.record({ device, kind: fc.constant('online' as const) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      device,
      kind: fc.constant('sync' as const),
      faults,
      midFlight: localOp,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      device: fc.constant<DeviceIndex>(0),
      kind: fc.constant('syncAll' as const),
      faults: fc.tuple(faults, faults, faults),
    }),
  },
);

/**
 * What every scenario starts from, without faults: records every device holds, so that the
 * random steps meet on shared records (concurrent edits, merges and conflicts) from step one.
 */
export const PRELUDE: readonly Step[] = [
  { device: 0, kind: 'create', recordKind: 'patrol', outOfScope: false },
  { device: 0, kind: 'create', recordKind: 'dispute', outOfScope: false },
  { device: 1, kind: 'create', recordKind: 'dispute', outOfScope: false },
  ...([0, 1, 2, 0] as const).map(
    (device): Step => ({ device, kind: 'sync', faults: [], midFlight: { kind: 'delete', target: 0 } }),
  ),
];

/** A scenario of 1 to `maxSteps` steps after the prelude. */
export function scenarioArbitrary(maxSteps: number): fc.Arbitrary<Step[]> {
  return fc.array(step, { minLength: 1, maxLength: maxSteps });
}
