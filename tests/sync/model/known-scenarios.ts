/**
 * Shrunk counterexamples the model once found, kept as plain scenarios (after the prelude) so
 * they keep running even when the generator changes and old seeds stop replaying them.
 */
import type { Step } from './scenario';

export const KNOWN_SCENARIOS: readonly { name: string; steps: Step[] }[] = [
  {
    // The checker once called d2's edit lost: d2 edited, then deleted the record itself; d0's
    // delete reached the server first, so the tombstone carries d0's body. d2's delete supersedes
    // its own edit: nothing the user wants is lost.
    name: 'an edit its own author then deleted, while another device deleted the record too',
    steps: [
      { device: 2, kind: 'edit', target: 0, field: 0 },
      { device: 2, kind: 'delete', target: 0 },
      { device: 0, kind: 'delete', target: 0 },
      { device: 0, kind: 'edit', target: 0, field: 0 },
    ],
  },
  {
    // Found with seed -1484544012 (2000 runs): a rejected mutation followed by an edit queued
    // while it was in flight; saving again coalesced into that unsent edit but left the rejected
    // mutation first in the outbox, so the record showed `pending` and was never sent again.
    name: 'saving again after a rejection that arrived behind an edit made in flight',
    steps: [
      { device: 0, kind: 'create', recordKind: 'patrol', outOfScope: true },
      {
        device: 0,
        kind: 'sync',
        faults: ['edit-in-flight'],
        midFlight: { kind: 'edit', target: 7, field: 0 },
      },
      { device: 0, kind: 'delete', target: 3 },
      { device: 0, kind: 'sync', faults: [], midFlight: { kind: 'appendParty', target: 0 } },
    ],
  },
  {
    // Found on PostgreSQL with seed 490636733: two requests restarting the server at once
    // leaked a connection pool in the test's restartable server (a harness bug, now serialized).
    name: 'two devices crash the server at the same time',
    steps: [
      { device: 0, kind: 'syncAll', faults: [[], ['restart'], ['restart']] },
      { device: 0, kind: 'sync', faults: [], midFlight: { kind: 'appendParty', target: 0 } },
    ],
  },
  {
    // Found on PostgreSQL with seed 2131704746 (also fails on SQLite): d1's delete, queued behind
    // an append whose response was lost, was rebased on the server's copy and came out with
    // `deleted: false` (threeWayMerge takes the envelope from the server's side); when it then
    // met d0's edit as a conflict, d1's own copy no longer showed that d1 had deleted it.
    name: 'a delete queued behind a push whose response was lost, then an edit elsewhere',
    steps: [
      { device: 1, kind: 'appendParty', target: 3 },
      {
        device: 1,
        kind: 'sync',
        faults: ['drop-response'],
        midFlight: { kind: 'create', recordKind: 'patrol', outOfScope: false },
      },
      { device: 1, kind: 'delete', target: 5 },
      { device: 0, kind: 'edit', target: 2, field: 0 },
    ],
  },
  {
    // Found on PostgreSQL with seed 1481029917 (a checker bug, not the app's): two devices end the
    // same patrol; the second to sync meets a real conflict on the end time, which the checker
    // called false because 结束巡查 left no mark in the ledger of who wrote the record.
    name: 'two devices end the same patrol',
    steps: [
      { device: 1, kind: 'endPatrol', target: 0 },
      { device: 0, kind: 'endPatrol', target: 0 },
      {
        device: 1,
        kind: 'sync',
        faults: [],
        midFlight: { kind: 'create', recordKind: 'patrol', outOfScope: false },
      },
    ],
  },
];
