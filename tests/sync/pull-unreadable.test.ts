/**
 * A pulled record this app cannot read (it breaks today's schema: stored by an older server, or
 * written by a newer app) must not wedge the phone: the rest of its page is applied, the cursor
 * moves on, and its id is kept so the settings screen can say how many need an app update.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import { closeLocalDbs, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { pullAll } from '../../src/sync/pull';
import { syncOnce } from '../../src/sync/sync-engine';
import { sampleDispute, samplePatrol } from '../support/sample-records';

const BASE_URL = 'http://gridkeeper.test';
let devices = 0;

afterAll(() => closeLocalDbs());

/** A server that answers each pull with the next of `pages` (as JSON), and nothing else. */
function serverOf(pages: unknown[]): typeof fetch {
  let next = 0;
  return async (input) => {
    const url = new URL(String(input));
    if (url.pathname !== '/api/sync/pull') throw new Error(`unexpected request ${url.pathname}`);
    const page = pages[Math.min(next, pages.length - 1)];
    next += 1;
    return new Response(JSON.stringify(page), { headers: { 'content-type': 'application/json' } });
  };
}

function device(): LocalDb {
  devices += 1;
  return openLocalDb(`unreadable-${devices}-${randomUUID()}`);
}

function synced<R extends GridRecord>(record: R): R {
  return { ...record, rev: 1 };
}

describe('a pull page with a record the app cannot read', () => {
  it('applies the other records, moves the cursor and remembers the unreadable id', async () => {
    const patrol = synced(samplePatrol(randomUUID()));
    const dispute = synced(sampleDispute(randomUUID()));
    const unreadable = synced(sampleDispute(randomUUID()));
    unreadable.body.title = '楼上漏水\t邻里纠纷';
    const db = device();
    const fetch = serverOf([
      { changes: [patrol, unreadable, dispute], cursor: 'c1', hasMore: false, ackedSeq: 0 },
    ]);

    const result = await pullAll({ fetch, baseUrl: BASE_URL }, db, 'token', randomUUID());

    expect(result).toEqual({ kind: 'done', pulled: 2 });
    expect((await db.records.get(patrol.id))?.record).toEqual(patrol);
    expect((await db.records.get(dispute.id))?.record).toEqual(dispute);
    expect(await db.records.get(unreadable.id)).toBeUndefined();
    expect((await db.meta.get('cursor'))?.value).toBe('c1');
    expect((await db.meta.get('unreadableRecords'))?.value).toEqual({ ids: [unreadable.id] });
  });

  it('is a successful sync pass, and a readable version of the record later clears it', async () => {
    const unreadable = synced(samplePatrol(randomUUID()));
    const readable = structuredClone(unreadable);
    unreadable.body.content = '走访\u202E湖滨新寓';
    const db = device();
    const fetch = serverOf([
      { changes: [unreadable], cursor: 'c1', hasMore: false, ackedSeq: 0 },
      { changes: [readable], cursor: 'c2', hasMore: false, ackedSeq: 0 },
    ]);
    const sync = () => syncOnce({ db, token: 'token', fetch, baseUrl: BASE_URL });

    expect(await sync()).toEqual({ status: 'ok', pushed: 0, pulled: 0 });
    expect((await db.meta.get('unreadableRecords'))?.value).toEqual({ ids: [unreadable.id] });
    expect(await sync()).toEqual({ status: 'ok', pushed: 0, pulled: 1 });
    expect((await db.records.get(readable.id))?.record).toEqual(readable);
    expect((await db.meta.get('unreadableRecords'))?.value).toEqual({ ids: [] });
  });

  it('still fails the pass as protocol when the page itself is not a pull page', async () => {
    const db = device();
    const fetch = serverOf([{ changes: [synced(samplePatrol(randomUUID()))], hasMore: false, ackedSeq: 0 }]);
    const outcome = await syncOnce({ db, token: 'token', fetch, baseUrl: BASE_URL });
    expect(outcome).toMatchObject({ status: 'error', reason: 'protocol' });
    expect(await db.meta.get('cursor')).toBeUndefined();
  });
});
