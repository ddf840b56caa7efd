import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface ThrottleCount {
  key: string;
  windowStart: string;
  failures: number;
}

/** The failure counts of `keys` whose window started after `windowOpenAfter` (older windows are over). */
export async function findThrottleCounts(
  db: Kysely<Database>,
  keys: readonly string[],
  windowOpenAfter: string,
): Promise<ThrottleCount[]> {
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'window_start as windowStart', 'failures'])
    .where('key', 'in', [...keys])
    .where('window_start', '>', windowOpenAfter)
    .execute();
  return rows.map((row) => ({ ...row, failures: Number(row.failures) }));
}

/**
 * Counts one failure for each key in one statement per key, so concurrent servers never lose a
 * count: a key whose window is over (started at or before `windowOpenAfter`) starts a new one at `at`.
 */
export async function recordThrottleFailure(
  db: Kysely<Database>,
  keys: readonly string[],
  at: string,
  windowOpenAfter: string,
): Promise<void> {
  for (const key of keys) {
    await db
      .insertInto('login_throttle')
      .values({ key, window_start: at, failures: 1 })
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
      .execute();
  }
  // Windows that are over only take space; dropping them here keeps the table as small as the attack.
  await db.deleteFrom('login_throttle').where('window_start', '<=', windowOpenAfter).execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
