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
];
