/**
 * The sync protocol contract (DESIGN.md "Sync protocol v1"). Server, app and service worker all
 * validate with these schemas; outside tests rely on the shapes exactly.
 *
 * PROTOCOL_VERSION history:
 *   1 — push/pull with mutation ids, per-client seq and ackedSeq, baseRev conflicts, opaque cursor.
 *       Still 1 (additive): a push result may carry `conflicts`, the field paths that collided.
 *       Still 1 (additive): `POST /api/audit/reveals` reports audited reveals (schemas in reveal.ts).
 *       Still 1 (additive): a mutation may say `madeOffline` (saved with no network), for the audit log.
 *       Still 1 (additive): a pull page may list `removed` ids: records that left the caller's view.
 *       Still 1 (additive): a reveal entry that fails its schema is answered `rejected` validation
 *         with its issues, the others decided as before (the batch was refused whole, 400/500); a
 *         text with control characters or bidi overrides (text.ts), and a record time a sane device
 *         clock cannot make (device-clock.ts), are `validation` issues naming the field.
 *       Still 1 (additive): a 401 may say `wipe: true` (an administrator ran `revoke-sessions --wipe`):
 *         the device deletes that user's local data, then may report it with `POST /api/auth/wiped`.
 *       Still 1 (additive): a pulled change is read by its envelope first (change-envelope.ts); see
 *         "Kinds and body versions" below.
 *       Still 1 (additive): the cursor holds one position per street (the server numbers changes
 *         per street so pushes to different streets do not wait for each other), so it may be up
 *         to 4,000 characters, not 200; it stays opaque, and a cursor from before still continues.
 *       Still 1 (additive): a pull may say `unsynced=<n>`, how many records the device holds not yet
 *         synced once its push is done (pending, in conflict or rejected), so a supervisor's figures
 *         can say whose work they do not hold yet. The first page of a pass carries it.
 *       Still 1 (additive): a reveal entry may give the reason `printPaper` (a printed 协议书 or
 *         整改通知书 showed the values), and body version 3 lets a dispute carry `signatures`.
 *
 * Kinds and body versions (RECORD_KINDS, RECORD_SCHEMA_VERSION) only grow, as Replicache's
 * mutators do: a kind is never removed or renamed, a body version never changes meaning, and an
 * older version is upcast, never refused (record-upcast.ts).
 *   - A client that pulls a change of a kind it does not know, or of a newer body version, keeps it
 *     whole and unshown (an opaque row; settings count it) and keeps syncing everything else; the
 *     page is never refused for it. Once the app updates it reads the row itself, with no re-pull.
 *   - A mutation the server cannot read (unknown kind, newer version) is not applied: it is
 *     answered `rejected` `validation` with the field named, and the phone keeps its record.
 *     Nothing is dropped silently on either side.
 *   - Deploy order: the server first, then the apps. The server must know every kind and version
 *     any app pushes (and the access rules of every kind it serves); apps may lag for weeks, as
 *     field phones update late.
 */
import * as z from 'zod/mini';
import { type GridRecord, recordSchema } from './record-envelope';
import { ROLES } from './roles';
import { passwordSchema, plainString, singleLine } from './text';

/** The longest pull cursor the server takes (a position per street: a district's hundreds fit). */
export const MAX_CURSOR_LENGTH = 4000;

export const PROTOCOL_VERSION = 1;

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

export const ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'too_large',
  'rate_limited',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const issueSchema = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof issueSchema>;

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(z.array(issueSchema)),
  /** With a 401: an administrator asked this device to delete the user's local data (remote wipe). */
  wipe: z.optional(z.boolean()),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
/** Every non-2xx response: `{ error: { code, message, issues? } }`. */
export const errorResponseSchema = z.object({ error: errorBodySchema });

// ---- auth

export const loginRequestSchema = z.strictObject({
  username: plainString(64),
  password: passwordSchema,
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  scope: z.object({ gridIds: z.array(z.string()) }),
  /** A department account's department (departments.ts): the events dispatched to it are its work. */
  departmentId: z.optional(z.string()),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: sessionUserSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});

// ---- push

export const MUTATION_OPS = ['upsert', 'delete'] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

/**
 * One mutation on the wire. `record` is checked as a whole against `recordSchema` per mutation by
 * the server, so one bad record is `rejected` without failing the batch.
 */
export const wireMutationSchema = z.strictObject({
  id: z.uuid(),
  seq: z.int().check(z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  op: z.enum(MUTATION_OPS),
  baseRev: z.int().check(z.gte(0), z.lte(1_000_000_000)),
  record: z.record(z.string(), z.unknown()),
  /** The device had no network when the change was saved (audit only; it changes nothing else). */
  madeOffline: z.optional(z.boolean()),
});
export type WireMutation = Omit<z.infer<typeof wireMutationSchema>, 'record'> & { record: GridRecord };

export const pushRequestSchema = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  clientId: z.uuid(),
  mutations: z.array(wireMutationSchema).check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
});
export type PushRequest = { protocol: typeof PROTOCOL_VERSION; clientId: string; mutations: WireMutation[] };

export const MUTATION_STATUSES = ['applied', 'duplicate', 'merged', 'conflict', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const mutationResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(MUTATION_STATUSES),
  rev: z.optional(z.int()),
  record: z.optional(recordSchema),
  error: z.optional(errorBodySchema),
  /** With `conflict`: the dotted field paths that collided (`body.summary`, `body.parties.<id>`). */
  conflicts: z.optional(z.array(z.string())),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---- pull

export const pullQuerySchema = z.strictObject({
  clientId: z.uuid(),
  // One position per street of the caller's grids (pull-cursor.ts): room for a district's hundreds.
  cursor: z.optional(z.string().check(singleLine, z.maxLength(MAX_CURSOR_LENGTH))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/)),
      z.transform((s) => Number(s)),
    ),
  ),
  /** How many records the device holds unsynced as it pulls (after its push): the 区域总览 names them. */
  unsynced: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,7}$/)),
      z.transform((s) => Number(s)),
    ),
  ),
});

export const pullResponseSchema = z.object({
  changes: z.array(recordSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  ackedSeq: z.int(),
  reset: z.optional(z.boolean()),
  /** Records changed since the cursor that the caller may no longer read: drop the synced copies. */
  removed: z.optional(z.array(z.uuid()).check(z.maxLength(MAX_PULL_LIMIT))),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ---- health

export const healthResponseSchema = z.object({ ok: z.literal(true), version: z.string() });

/** Turns zod issues into the wire `issues` list, paths dotted (`body.parties.1.name`). */
export function toIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
