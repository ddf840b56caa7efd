/**
 * Upcasting: a record stored or sent under an older body version becomes the current one before it
 * is validated, by running the frozen steps in src/domain/upcasts/ from its version on. Pure and
 * deterministic: the server (push, its migrations) and every device (its Dexie upgrades) upcast
 * the same record independently and must agree to the byte.
 *
 * A step is frozen once released (a migration that ran must mean the same thing forever); a new
 * body version adds a step file and a line below, and bumps RECORD_SCHEMA_VERSION.
 */
import { upcastV1ToV2 } from './upcasts/v1-to-v2';
import { upcastV2ToV3 } from './upcasts/v2-to-v3';

export { derivedId } from './upcasts/v1-to-v2';

/** Step n takes a record from version n + 1 to n + 2. */
const STEPS: readonly ((input: unknown) => unknown)[] = [upcastV1ToV2, upcastV2ToV3];

/** The record in the current body version, or the input unchanged when it is not an old record. */
export function upcastRecord(input: unknown): unknown {
  let record = input;
  for (const step of STEPS) record = step(record);
  return record;
}
