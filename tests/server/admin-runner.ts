/** Runs the admin CLI in process, as the real `npm run admin` does, and collects what it prints. */
import type { Kysely } from 'kysely';
import { type AdminIo, runAdminCli } from '../../src/server/admin/admin-cli';
import type { Database } from '../../src/server/db/schema';

export type AdminRun = (...argv: string[]) => Promise<{ code: number; out: string; err: string }>;

/** `openDb` opens the handle the CLI uses and closes when the command is done. */
export function adminRunner(openDb: () => Promise<Kysely<Database>>, now: () => Date): AdminRun {
  return async (...argv) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: AdminIo = {
      openDb,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      now,
      actor: 'cli:tester',
    };
    const code = await runAdminCli(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

/** The server's own handle, lent to the CLI: its `destroy` is a no-op, so the server stays open. */
export function lent(db: Kysely<Database>): Kysely<Database> {
  return new Proxy(db, {
    get(target, key) {
      if (key === 'destroy') return async () => {};
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
