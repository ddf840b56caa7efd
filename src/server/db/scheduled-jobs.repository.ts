/**
 * Jobs that one server process at a time runs (migration 0019), whichever processes share the
 * database: a process claims the job's row with a lease, renews it as it goes and gives it back
 * when done, naming when the job is next due. A process that dies mid-run leaves its lease to run
 * out; then another takes the job over. Each claim is one conditional UPDATE, so of two processes
 * claiming at once exactly one gets it (PostgreSQL re-checks the condition on the row the other
 * just wrote; SQLite writes one at a time).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface JobClaim {
  name: string;
  owner: string;
  /** The claiming process's clock (tests inject a fake one). */
  now: Date;
  leaseMs: number;
  /** Claim it even before it is due (a run asked for by hand); a live lease still wins. */
  force?: boolean;
}

/** Whether `owner` now holds the job; creates its row, due at once, on first use. */
export async function claimJob(db: Kysely<Database>, claim: JobClaim): Promise<boolean> {
  const now = claim.now.toISOString();
  await db
    .insertInto('scheduled_jobs')
    .values({ name: claim.name, next_run_at: now, lease_owner: null, lease_until: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  let query = db
    .updateTable('scheduled_jobs')
    .set({ lease_owner: claim.owner, lease_until: leaseEnd(claim.now, claim.leaseMs) })
    .where('name', '=', claim.name)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]));
  if (!claim.force) query = query.where('next_run_at', '<=', now);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends `owner`'s lease; false when it no longer holds the job (its lease ran out and was taken). */
export async function renewJobLease(db: Kysely<Database>, claim: JobClaim): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_jobs')
    .set({ lease_until: leaseEnd(claim.now, claim.leaseMs) })
    .where('name', '=', claim.name)
    .where('lease_owner', '=', claim.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the job back; `nextRunAt` moves its schedule (a run by hand leaves it where it was). */
export async function releaseJob(
  db: Kysely<Database>,
  name: string,
  owner: string,
  nextRunAt?: Date,
): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({
      lease_owner: null,
      lease_until: null,
      ...(nextRunAt ? { next_run_at: nextRunAt.toISOString() } : {}),
    })
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .execute();
}

/** The job's row as stored, if it ever ran. */
export function findJob(db: Kysely<Database>, name: string) {
  return db.selectFrom('scheduled_jobs').selectAll().where('name', '=', name).executeTakeFirst();
}

function leaseEnd(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}
