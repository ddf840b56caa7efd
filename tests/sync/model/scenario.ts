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
  | { kind: 'delete'; target: number }
  /** Opens an edit form on a record: what the form reads now is what a later `submitForm` edits. */
  | { kind: 'openForm'; target: number }
  /** Saves the `form`-th (modulo) open form with one text field set, as the app's forms do (saveEdit). */
  | { kind: 'submitForm'; form: number; field: 0 | 1 }
  /** 开始巡查: a draft patrol made at once (patrol-session.ts). */
  | { kind: 'startPatrol' }
  /** A kept GPS fix of a patrol, buffered until its end. */
  | { kind: 'trackPoint'; target: number }
  /** 结束巡查: the buffered track and the end time written into the patrol. */
  | { kind: 'endPatrol'; target: number };

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

/** The writes of a form kept open across other writes and sync passes, and of a patrol's life. */
const FORM_AND_PATROL_OPS: fc.WeightedArbitrary<LocalOp>[] = [
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('openForm' as const), target }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('submitForm' as const),
      form: fc.nat({ max: 3 }),
      field: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('startPatrol' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('trackPoint' as const), target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endPatrol' as const), target }) },
];

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
  ...FORM_AND_PATROL_OPS,
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

/**
 * One person on one phone: every step on device 0 (the grid worker), its own records only, with
 * faults. Whatever the order of saves, open forms, patrol ends, track fixes and sync passes, none
 * of it may ever come back as a conflict.
 */
export const SINGLE_WRITER_PRELUDE: readonly Step[] = [
  { device: 0, kind: 'create', recordKind: 'patrol', outOfScope: false },
  { device: 0, kind: 'create', recordKind: 'dispute', outOfScope: false },
  { device: 0, kind: 'startPatrol' },
  { device: 0, kind: 'sync', faults: [], midFlight: { kind: 'delete', target: 0 } },
  // Every scenario starts with the patrol's real sequence: the log's form is opened, 结束巡查 is
  // pushed and acknowledged, then the form is saved (stale). Targets 5 and 1 are the started patrol
  // whether or not the delete above ran mid-flight.
  { device: 0, kind: 'openForm', target: 5 },
  { device: 0, kind: 'endPatrol', target: 1 },
  { device: 0, kind: 'sync', faults: [], midFlight: { kind: 'openForm', target: 0 } },
  { device: 0, kind: 'submitForm', form: 0, field: 0 },
];

const singleWriterStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: localOp.map((op): Step => ({ device: 0, ...op })) },
  { weight: 1, arbitrary: fc.constant<Step>({ device: 0, kind: 'offline' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ device: 0, kind: 'online' }) },
  {
    weight: 5,
    arbitrary: fc
      .record({ faults, midFlight: localOp })
      .map(({ faults: f, midFlight }): Step => ({ device: 0, kind: 'sync', faults: f, midFlight })),
  },
);

/** A single-writer scenario of 1 to `maxSteps` steps after SINGLE_WRITER_PRELUDE. */
export function singleWriterArbitrary(maxSteps: number): fc.Arbitrary<Step[]> {
  return fc.array(singleWriterStep, { minLength: 1, maxLength: maxSteps });
}
