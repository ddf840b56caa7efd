import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** A counter and its limit: at most `max` attempts in a window of `windowMs` from the first. */
export interface ThrottleLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** An attempt counted against `key` in the window that started at `windowStart`. */
export interface ThrottleSlot {
  key: string;
  windowStart: string;
}

export type ThrottleReservation =
  | { granted: true; slots: ThrottleSlot[] }
  | { granted: false; retryAfterMs: number };

/** Thrown inside the transaction to roll back the counts of a refused attempt. */
class Refused extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('refused');
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Counts one attempt against every limit, or against none: in one transaction, each key is bumped
 * by one upsert that answers the new count, and if any count goes over its limit the whole
 * transaction rolls back and the attempt is refused. The upsert locks the row (PostgreSQL) or the
 * database (SQLite) until commit, so concurrent attempts, on any server process, queue for the row
 * and each sees the count the one before it left: no burst can slip past a limit, and a refused
 * attempt takes no slot anywhere (a stranger locked out at one address cannot use up the
 * account-wide count). Keys are taken in sorted order, so two attempts never deadlock.
 */
export async function reserveThrottleSlots(
  db: Kysely<Database>,
  limits: readonly ThrottleLimit[],
  now: Date,
): Promise<ThrottleReservation> {
  const sorted = [...limits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  try {
    const slots = await db.transaction().execute(async (trx) => {
      const counted: ThrottleSlot[] = [];
      let refused = false;
      let retryAfterMs = 0;
      for (const limit of sorted) {
        const row = await countAttempt(trx, limit, now);
        counted.push({ key: limit.key, windowStart: row.windowStart });
        if (row.failures > limit.max) {
          refused = true;
          retryAfterMs = Math.max(retryAfterMs, Date.parse(row.windowStart) + limit.windowMs - now.getTime());
        }
      }
      if (refused) throw new Refused(Math.max(retryAfterMs, 1000));
      return counted;
    });
    return { granted: true, slots };
  } catch (error) {
    if (error instanceof Refused) return { granted: false, retryAfterMs: error.retryAfterMs };
    throw error;
  }
}

/** One more attempt on `limit.key`; a window that is over starts afresh at `now`. */
async function countAttempt(
  trx: Transaction<Database>,
  limit: ThrottleLimit,
  now: Date,
): Promise<{ windowStart: string; failures: number }> {
  const at = now.toISOString();
  const windowOpenAfter = new Date(now.getTime() - limit.windowMs).toISOString();
  const row = await trx
    .insertInto('login_throttle')
    .values({ key: limit.key, window_start: at, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const over = eb('login_throttle.window_start', '<=', windowOpenAfter);
        return {
          failures: eb
            .case()
            .when(over)
            .then(1)
            .else(eb('login_throttle.failures', '+', 1))
            .end(),
          window_start: eb.case().when(over).then(at).else(eb.ref('login_throttle.window_start')).end(),
        };
      }),
    )
    .returning(['window_start as windowStart', 'failures'])
    .executeTakeFirstOrThrow();
  return { windowStart: row.windowStart, failures: Number(row.failures) };
}

/** Gives back attempts that turned out not to be failures, if their window is still the one counted. */
export async function refundThrottleSlots(
  db: Kysely<Database>,
  slots: readonly ThrottleSlot[],
): Promise<void> {
  for (const slot of slots)
    await db
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', slot.key)
      .where('window_start', '=', slot.windowStart)
      .where('failures', '>', 0)
      .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Drops the counts whose key `matches` (the table holds only live windows, so it stays small). */
export async function clearThrottleWhere(
  db: Kysely<Database>,
  matches: (key: string) => boolean,
): Promise<void> {
  const rows = await db.selectFrom('login_throttle').select('key').execute();
  const keys = rows.map((row) => row.key).filter(matches);
  if (keys.length > 0) await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Windows that started at or before `before` are over and only take space. */
export async function pruneThrottle(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('window_start', '<=', before).execute();
}
