/**
 * SQLite statements prepared once and reused. Kysely's SqliteDialect prepares every query anew
 * (its driver calls `prepare(sql)` per execution), and better-sqlite3's prepare was 13% of a push
 * profile (issue 15). A better-sqlite3 statement can be run any number of times, so the dialect gets
 * this wrapper instead of the database: statements are kept by their SQL text, the least recently
 * used dropped past `size`. Kysely runs one query at a time on SQLite's single connection (a mutex
 * in its driver, held by a streaming select until it ends), so a cached statement is never in use
 * twice at once. SQLite re-prepares a kept statement itself when a migration changes the schema.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 256;

export function withStatementCache(
  database: { close(): void; prepare(sql: string): SqliteStatement },
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept) {
        // Map keeps insertion order: moving it to the end makes the first key the least recent.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
