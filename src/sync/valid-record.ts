/**
 * The device's one check of a record before it is stored and queued (the trust boundary between
 * what a person typed and what the outbox carries). `checkRecord` runs the record schema once and
 * marks what it returns as a ValidRecord; the outbox takes only those, so a form or a workflow step
 * that checked its record to show field errors hands it on without it being checked again, and no
 * path can store a record nobody checked. (The server checks again: that is the next boundary.)
 */
import { type Issue, toIssues } from '../domain/protocol';
import { type GridRecord, recordSchema } from '../domain/record-envelope';

declare const checked: unique symbol;

/** A record as the record schema returned it. Only `checkRecord` makes one. */
export type ValidRecord<R extends GridRecord = GridRecord> = R & { readonly [checked]: true };

/** The record does not satisfy its kind's schema; `issues` name the fields. Nothing was written. */
export class RecordInvalidError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(`Record is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RecordInvalidError';
    this.issues = issues;
  }
}

export type CheckedRecord<R extends GridRecord> =
  | { ok: true; record: ValidRecord<R> }
  | { ok: false; issues: Issue[] };

/** The record checked by its kind's schema: as parsed, or the issues naming its fields. */
export function checkRecord<R extends GridRecord>(record: R): CheckedRecord<R> {
  const parsed = recordSchema.safeParse(record);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error.issues) };
  // The schema returns the kind it was given (the union is discriminated by `kind`).
  return { ok: true, record: parsed.data as ValidRecord<R> };
}

/** The record checked, or RecordInvalidError: for writes with no form to show the issues on. */
export function validRecord<R extends GridRecord>(record: R): ValidRecord<R> {
  const result = checkRecord(record);
  if (!result.ok) throw new RecordInvalidError(result.issues);
  return result.record;
}
