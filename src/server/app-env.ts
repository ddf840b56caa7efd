import type { Kysely } from 'kysely';
import type { SessionUser } from '../domain/protocol';
import type { Database } from './db/schema';

/** What the routes need from the outside world; tests inject the clock. */
export interface AppDeps {
  db: Kysely<Database>;
  now: () => Date;
  version: string;
  /** Whether demo accounts may sign in (demo mode). */
  demoAccounts: boolean;
  /** Whether one reverse proxy in front sets X-Forwarded-For (env TRUST_PROXY=1). */
  trustProxy: boolean;
}

/** The signed-in caller, set by `requireSession`. */
export interface Session {
  tokenHash: string;
  user: SessionUser;
  expiresAt: string;
}

export type AppEnv = { Variables: { session: Session } };
