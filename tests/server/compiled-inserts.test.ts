import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { executeInsert } from '../../src/server/db/compiled-inserts';
import type { Database } from '../../src/server/db/schema';

interface Row {
  id: number;
  name: string;
  note: string | null;
}

describe('multi-row inserts compiled once', () => {
  let sqlite: SQLite.Database;
  afterEach(() => sqlite.close());

  function open() {
    sqlite = new SQLite(':memory:');
    const db = new Kysely<{ t: Row }>({ dialect: new SqliteDialect({ database: sqlite }) });
    // executeInsert is typed for the server's database; the table here is the test's own.
    return { db, server: db as unknown as Kysely<Database> };
  }

  it('writes each batch’s own values when the text of an earlier batch of that size is reused', async () => {
    const { db, server } = open();
    await sql`create table t (id integer primary key, name text not null, note text)`.execute(db);
    let built = 0;
    const insert = (rows: Row[]) =>
      executeInsert(server, 'compiled-inserts.test', rows, (values) => {
        built += 1;
        return db.insertInto('t').values([...values]);
      });
    expect(
      await insert([
        { id: 1, name: 'a', note: null },
        { id: 2, name: 'b', note: 'x' },
      ]),
    ).toBe(2);
    expect(
      await insert([
        { id: 3, name: 'c', note: 'y' },
        { id: 4, name: 'd', note: null },
      ]),
    ).toBe(2);
    await insert([{ id: 5, name: 'e', note: 'z' }]);
    // Two sizes, two texts: the second batch of two was not built again.
    expect(built).toBe(2);
    expect(await db.selectFrom('t').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'a', note: null },
      { id: 2, name: 'b', note: 'x' },
      { id: 3, name: 'c', note: 'y' },
      { id: 4, name: 'd', note: null },
      { id: 5, name: 'e', note: 'z' },
    ]);
  });

  it('answers the rows an upsert wrote, leaving out those its condition kept', async () => {
    const { db, server } = open();
    await sql`create table t (id integer primary key, name text not null, note text)`.execute(db);
    await db
      .insertInto('t')
      .values([
        { id: 1, name: 'a', note: null },
        { id: 2, name: 'b', note: null },
      ])
      .execute();
    const written = await executeInsert(
      server,
      'compiled-inserts.test.upsert',
      [
        { id: 1, name: 'a2', note: null },
        { id: 2, name: 'b2', note: 'keep' },
      ],
      (values) =>
        db
          .insertInto('t')
          .values([...values])
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
              .where('t.note', 'is', null)
              .where(sql<boolean>`excluded.note is null`),
          ),
    );
    expect(written).toBe(1);
    expect(await db.selectFrom('t').select(['id', 'name']).orderBy('id').execute()).toEqual([
      { id: 1, name: 'a2' },
      { id: 2, name: 'b' },
    ]);
  });

  it('refuses a statement whose parameters are not its rows’ values in column order, writing nothing', async () => {
    const { db, server } = open();
    await sql`create table t (id integer primary key, name text not null, note text)`.execute(db);
    const rows: Row[] = [{ id: 1, name: 'a', note: null }];
    await expect(
      executeInsert(server, 'compiled-inserts.test.reordered', rows, (values) =>
        db.insertInto('t').values(values.map((row) => ({ name: row.name, id: row.id, note: row.note }))),
      ),
    ).rejects.toThrow(/not its rows' values in column order/);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
  });
});
