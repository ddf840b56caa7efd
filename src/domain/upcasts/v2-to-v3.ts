/**
 * Record bodies v2 → v3, the step as it stood when version 3 shipped (2026-12): version 3 adds the
 * optional `signatures` list to a dispute and changes nothing else, so every v2 body is a v3 body
 * as it is. The version still moves, so an app that knows only v2 keeps a signed dispute whole as a
 * newer record (change-envelope.ts) instead of failing it against v2's strict schema.
 *
 * FROZEN, like v1-to-v2.ts: the server's migration 0022, every device's Dexie upgrade to its
 * version 8 and a push from an app not yet updated run this step. Never edit it; v3 → v4 is a new file.
 */

/** The record in body version 3, or the input unchanged when it is not a v2 record. */
export function upcastV2ToV3(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  if (record.schemaVersion !== 2) return input;
  return { ...record, schemaVersion: 3 };
}
