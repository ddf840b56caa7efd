/**
 * The scheduled supervision (issue 12 §6: "Cards are issued on each transition and by a scheduled
 * job"): every server process ticks every SUPERVISION_INTERVAL_MS, and whichever claims the job in
 * the database (scheduled-jobs.repository.ts) runs it, so two processes never run it at once and a
 * process that restarts or dies mid-run changes nothing about what is issued: each batch of cards
 * commits whole, and what is issued is never due again (issue-cards.ts).
 *
 *   tick ──▶ claim the job (due, and no live lease)? ──no──▶ nothing (another process has it)
 *              │yes
 *            issue every due card, a batch a transaction, renewing the lease after each;
 *            lease lost (it ran out and another took it)? ──▶ stop, leave the rest to it
 *              │
 *            give the job back, due again one interval later (a run by hand keeps the schedule)
 */
import type { Kysely } from 'kysely';
import { claimJob, type JobClaim, releaseJob, renewJobLease } from '../db/scheduled-jobs.repository';
import type { Database } from '../db/schema';
import { type CardsIssued, issueDueCards } from './issue-cards';

export const SUPERVISION_JOB = 'supervision';
/**
 * How long a claim holds without renewal: ten intervals, at most five minutes — far longer than a
 * batch takes, so a live process keeps it, and a dead one is replaced within that. A claim that
 * runs out mid-batch costs nothing but the rest of the run: the batch commits, the renewal fails,
 * the run stops, and another process goes on from what is stored.
 */
export const SUPERVISION_LEASE_MS = 5 * 60_000;

export function supervisionLeaseMs(intervalMs: number): number {
  return Math.min(SUPERVISION_LEASE_MS, Math.max(10 * intervalMs, 2_000));
}

export interface SupervisionJobOptions {
  /** Who runs it, unique per process (host, pid, a random part). */
  owner: string;
  /** The server's clock: which days have passed, and the lease (tests inject a fake one). */
  now: () => Date;
  /** The lease's clock when it is not `now`: a run by hand for another day still leases in real time. */
  leaseClock?: () => Date;
  intervalMs: number;
  /** A run by hand: even before the job is due, and without moving its schedule. */
  force?: boolean;
  /** Events per transaction (issue-cards.ts CARD_BATCH). */
  batchSize?: number;
  /** After each committed batch (tests stop a run here, as a crash would). */
  afterBatch?: (issued: CardsIssued) => Promise<void> | void;
}

export type SupervisionRun = { ran: false } | ({ ran: true; complete: boolean } & CardsIssued);

class LeaseLost extends Error {}

/** One tick: claims the job and runs it if it is this process's turn. */
export async function runSupervisionJob(
  db: Kysely<Database>,
  options: SupervisionJobOptions,
): Promise<SupervisionRun> {
  const leaseClock = options.leaseClock ?? options.now;
  const claim = (): JobClaim => ({
    name: SUPERVISION_JOB,
    owner: options.owner,
    now: leaseClock(),
    leaseMs: supervisionLeaseMs(options.intervalMs),
    force: options.force === true,
  });
  if (!(await claimJob(db, claim()))) return { ran: false };
  let issued: CardsIssued = { cards: 0, events: 0 };
  try {
    issued = await issueDueCards(db, options.now(), {
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      afterBatch: async (sofar) => {
        issued = sofar;
        if (!(await renewJobLease(db, claim()))) throw new LeaseLost();
        await options.afterBatch?.(sofar);
      },
    });
  } catch (error) {
    if (error instanceof LeaseLost) return { ran: true, complete: false, ...issued };
    // Given back so that the next tick, here or elsewhere, tries again; if the database is gone
    // that fails too, and the lease runs out instead.
    await releaseJob(db, SUPERVISION_JOB, options.owner).catch(() => {});
    throw error;
  }
  const next = options.force ? undefined : new Date(leaseClock().getTime() + options.intervalMs);
  await releaseJob(db, SUPERVISION_JOB, options.owner, next);
  return { ran: true, complete: true, ...issued };
}

/**
 * Ticks at once and then every `intervalMs` in this process (main.ts); a tick that finds the
 * previous one still running skips. Answers how to stop it.
 */
export function startSupervision(
  db: Kysely<Database>,
  options: Omit<SupervisionJobOptions, 'force' | 'afterBatch' | 'batchSize'>,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runSupervisionJob(db, options);
      if (run.ran && run.cards > 0)
        console.log(`supervision: issued ${run.cards} card(s) on ${run.events} event(s)`);
    } catch (error) {
      console.warn('supervision: the run failed; the next tick tries again:', error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs);
  return () => clearInterval(timer);
}
