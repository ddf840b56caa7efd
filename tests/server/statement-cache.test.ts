import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/db/statement-cache';

describe('SQLite statement cache', () => {
  let sqlite: SQLite.Database;
  let prepared: string[];
  afterEach(() => sqlite.close());

  function counted() {
    sqlite = new SQLite(':memory:');
    prepared = [];
    return {
      close: () => sqlite.close(),
      prepare: (text: string) => {
        prepared.push(text);
        return sqlite.prepare(text);
      },
    };
  }

  it('prepares a query Kysely runs again and again once, and its answers stay right', async () => {
    const db = new Kysely<{ t: { id: number; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(counted()) }),
    });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (let id = 1; id <= 5; id++)
      await db
        .insertInto('t')
        .values({ id, name: `n${id}` })
        .execute();
    const names = [];
    for (let id = 1; id <= 5; id++) {
      names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    }
    expect(names).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    // The insert and the select were prepared once each, not five times.
    expect(prepared.filter((text) => text.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith('select'))).toHaveLength(1);
  });

  it('drops the least recently used statement beyond its size', () => {
    const cache = withStatementCache(counted(), 2);
    const a = cache.prepare('select 1');
    cache.prepare('select 2');
    expect(cache.prepare('select 1')).toBe(a);
    cache.prepare('select 3'); // evicts 'select 2', the least recently used
    expect(cache.prepare('select 1')).toBe(a);
    cache.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });
});
