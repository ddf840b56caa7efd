/**
 * What the admin CLI does to accounts, as plain functions over the database. Each change runs in
 * one transaction with its audit_log row (no secrets in it). Expected failures throw `AdminError`
 * with a message for the operator.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../domain/roles';
import { passwordSchema, unsafeCharacterAt } from '../../domain/text';
import { liftAccountLockout } from '../auth/login-throttle';
import { hashPassword } from '../auth/password';
import { type AuditAction, insertAuditEntry } from '../db/audit-log.repository';
import { findOrg, listOrgs, type OrgSummary } from '../db/orgs.repository';
import type { Database } from '../db/schema';
import { requestUserWipe, revokeUserSessions } from '../db/sessions.repository';
import {
  findAssignedOrgIds,
  findUserByUsername,
  insertUsers,
  replaceAssignments,
  setPasswordHash,
} from '../db/users.repository';
import { ROLE_LABELS } from '../demo/demo-accounts';

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

export interface AdminContext {
  db: Kysely<Database>;
  now: () => Date;
  /** Who runs the command, for the audit log, e.g. `cli:root`. */
  actor: string;
}

/**
 * Refuses anything but a street's org id for `--street`; `what` says what is set per street.
 * Checked before the query: PostgreSQL refuses a NUL in text with an error, not an empty answer.
 */
export async function checkStreet(ctx: AdminContext, streetId: string, what: string): Promise<void> {
  const org = unsafeCharacterAt(streetId) === undefined ? await findOrg(ctx.db, streetId) : undefined;
  if (!org) throw new AdminError(`--street: unknown org id "${streetId}". Run list-orgs to see the ids.`);
  if (org.level !== 'street')
    throw new AdminError(`--street "${streetId}" is a ${org.level}: ${what} are set per street.`);
}

export const MIN_PASSWORD_LENGTH = 8;
/** The login request's limit: a longer password could never be typed in. */
const MAX_PASSWORD_LENGTH = 256;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const MAX_NAME_LENGTH = 64;
/** No 0/O, 1/l/I: a generated password is read out or written down. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GENERATED_PASSWORD_LENGTH = 14;

export interface CreateUserInput {
  username: string;
  name: string;
  role: string;
  /** Generated when absent. */
  password?: string | undefined;
  orgIds: readonly string[];
}

/** The password set, and whether it was generated (then it is shown once and stored only hashed). */
export interface PasswordResult {
  password: string;
  generated: boolean;
}

export async function createUser(
  ctx: AdminContext,
  input: CreateUserInput,
): Promise<PasswordResult & { userId: string }> {
  if (!USERNAME.test(input.username))
    throw new AdminError(
      `Invalid username "${input.username}": use 3 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  const name = input.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH)
    throw new AdminError(`The name must be 1 to ${MAX_NAME_LENGTH} characters.`);
  if (unsafeCharacterAt(name) !== undefined)
    throw new AdminError('The name may not hold control characters or bidi overrides (domain/text.ts).');
  const role = checkRole(input.role);
  const orgIds = await checkOrgIds(ctx.db, input.orgIds);
  const { password, generated } = choosePassword(input.password);
  if (await findUserByUsername(ctx.db, input.username))
    throw new AdminError(`The username "${input.username}" is taken.`);

  const userId = randomUUID();
  const passwordHash = await hashPassword(password);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertUsers(trx, [
        { id: userId, username: input.username, name, role, password_hash: passwordHash, demo: 0 },
      ]);
      await replaceAssignments(trx, userId, orgIds);
      await audit(trx, ctx, 'admin.createUser', {
        after: { userId, username: input.username, name, role, orgIds },
      });
    });
  } catch (error) {
    // Another admin created the same username between the check and the insert.
    if (isUniqueViolation(error)) throw new AdminError(`The username "${input.username}" is taken.`);
    throw error;
  }
  return { userId, password, generated };
}

/** Replaces the user's assignments; answers the old and new org ids. */
export async function assignUser(
  ctx: AdminContext,
  input: { username: string; orgIds: readonly string[] },
): Promise<{ before: string[]; after: string[] }> {
  const user = await requireUser(ctx.db, input.username);
  const after = await checkOrgIds(ctx.db, input.orgIds);
  const before = await findAssignedOrgIds(ctx.db, user.id);
  await ctx.db.transaction().execute(async (trx) => {
    await replaceAssignments(trx, user.id, after);
    await audit(trx, ctx, 'admin.assign', {
      before: { userId: user.id, username: user.username, orgIds: before },
      after: { userId: user.id, username: user.username, orgIds: after },
    });
  });
  return { before, after };
}

/** Sets a new password and lifts a sign-in lockout; sessions already signed in stay valid. */
export async function resetPassword(
  ctx: AdminContext,
  input: { username: string; password?: string | undefined },
): Promise<PasswordResult> {
  const user = await requireUser(ctx.db, input.username);
  const chosen = choosePassword(input.password);
  const passwordHash = await hashPassword(chosen.password);
  await ctx.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash);
    await liftAccountLockout(trx, user.username);
    await audit(trx, ctx, 'admin.resetPassword', {
      after: { userId: user.id, username: user.username, generated: chosen.generated },
    });
  });
  return chosen;
}

/**
 * Ends every session of the user (a lost phone); answers how many were live. With `wipe`, each
 * device still holding an unexpired token is also told, at its next call, to delete the user's
 * local data (unsynced records included); `wiping` says how many sessions were marked.
 */
export async function revokeSessions(
  ctx: AdminContext,
  input: { username: string; wipe?: boolean },
): Promise<{ revoked: number; wiping: number }> {
  const user = await requireUser(ctx.db, input.username);
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeUserSessions(trx, user.id, at);
    const wiping = input.wipe ? await requestUserWipe(trx, user.id, at) : 0;
    await audit(trx, ctx, 'admin.revokeSessions', {
      after: {
        userId: user.id,
        username: user.username,
        revoked,
        ...(input.wipe ? { wipe: true, wiping } : {}),
      },
    });
    return { revoked, wiping };
  });
}

/** The org tree depth first, from the roots or from `under` (included), each with its depth. */
export async function listOrgTree(
  db: Kysely<Database>,
  under?: string,
): Promise<(OrgSummary & { depth: number })[]> {
  const orgs = await listOrgs(db);
  const children = new Map<string | null, OrgSummary[]>();
  for (const org of orgs) children.set(org.parent_id, [...(children.get(org.parent_id) ?? []), org]);
  let roots = children.get(null) ?? [];
  if (under !== undefined) {
    const start = orgs.find((org) => org.id === under);
    if (!start) throw new AdminError(`Unknown org id "${under}". Run list-orgs to see the ids.`);
    roots = [start];
  }
  const tree: (OrgSummary & { depth: number })[] = [];
  const walk = (org: OrgSummary, depth: number): void => {
    tree.push({ ...org, depth });
    for (const child of children.get(org.id) ?? []) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return tree;
}

function checkRole(role: string): Role {
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  const known = ROLES.map((key) => `${key} (${ROLE_LABELS[key]})`).join(', ');
  throw new AdminError(`Unknown role "${role}". Roles: ${known}.`);
}

async function checkOrgIds(db: Kysely<Database>, orgIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(orgIds)];
  if (wanted.length === 0)
    throw new AdminError('Give at least one org id: the user sees the grids under the orgs assigned.');
  const known = new Set((await listOrgs(db)).map((org) => org.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AdminError(
      `Unknown org id${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}. Run list-orgs to see the ids.`,
    );
  return wanted;
}

function choosePassword(password: string | undefined): PasswordResult {
  if (password === undefined) {
    let generated = '';
    for (let i = 0; i < GENERATED_PASSWORD_LENGTH; i += 1)
      generated += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    return { password: generated, generated: true };
  }
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AdminError(
      `The password is too weak: use at least ${MIN_PASSWORD_LENGTH} characters (or leave out --password to generate one).`,
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new AdminError(`The password is too long: at most ${MAX_PASSWORD_LENGTH} characters.`);
  // The sign-in request refuses control characters, so such a password could never be typed in.
  if (!passwordSchema.safeParse(password).success)
    throw new AdminError('The password may not hold control characters.');
  return { password, generated: false };
}

async function requireUser(db: Kysely<Database>, username: string) {
  // Checked before the query: PostgreSQL refuses a NUL in text with an error, not an empty answer.
  const user = unsafeCharacterAt(username) === undefined ? await findUserByUsername(db, username) : undefined;
  if (!user) throw new AdminError(`Unknown user "${username}". Run list-users to see the usernames.`);
  return user;
}

function audit(
  db: Kysely<Database>,
  ctx: AdminContext,
  action: AuditAction,
  change: { before?: unknown; after: unknown },
): Promise<void> {
  return insertAuditEntry(db, { at: ctx.now().toISOString(), userId: ctx.actor, action, ...change });
}

/** SQLite's and PostgreSQL's unique-constraint errors. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
