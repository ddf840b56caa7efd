import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../src/sync/draft-store';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';

let counter = 0;
function freshDb(user = 'u1') {
  counter += 1;
  return openLocalDb(`${user}-drafts-${counter}`);
}

const content = (title: string) => ({
  state: { title, parties: [{ name: '李秀英' }], photos: [] },
  gridId: 'hb-g1',
  baseRev: 0,
  droppedPhotos: 0,
});

afterAll(() => closeLocalDbs());

describe('draft store', () => {
  it('keys a draft by kind and record, or "new" for a record not made yet', () => {
    expect(draftKey('dispute')).toBe('dispute:new');
    expect(draftKey('rentalInspection', '0190a5d2-7a3b-7c4d-8e9f-0000000000e1')).toBe(
      'rentalInspection:0190a5d2-7a3b-7c4d-8e9f-0000000000e1',
    );
  });

  it('gives back what was saved, with when it was saved', async () => {
    const db = freshDb();
    await saveDraft(db, 'dispute:new', content('楼上漏水'), new Date('2026-11-27T01:00:00Z'));
    expect(await loadDraft(db, 'dispute:new')).toEqual({
      key: 'dispute:new',
      ...content('楼上漏水'),
      updatedAt: '2026-11-27T01:00:00.000Z',
    });
  });

  it('replaces the previous draft of the same form and leaves other forms alone', async () => {
    const db = freshDb();
    await saveDraft(db, 'dispute:new', content('一'));
    await saveDraft(db, 'patrol:new', content('巡查'));
    await saveDraft(db, 'dispute:new', content('二'));
    expect((await loadDraft(db, 'dispute:new'))?.state).toMatchObject({ title: '二' });
    expect((await loadDraft(db, 'patrol:new'))?.state).toMatchObject({ title: '巡查' });
    expect(await db.drafts.count()).toBe(2);
  });

  it('stores plain JSON: undefined fields vanish and nothing but data survives', async () => {
    const db = freshDb();
    const state = {
      title: 'x',
      location: undefined,
      when: new Date('2026-11-27T01:00:00Z'),
      bytes: new Uint8Array(2),
    };
    await saveDraft(db, 'patrol:new', { ...content('x'), state });
    expect((await loadDraft(db, 'patrol:new'))?.state).toEqual({
      title: 'x',
      when: '2026-11-27T01:00:00.000Z',
      bytes: { 0: 0, 1: 0 },
    });
  });

  it('forgets a cleared draft', async () => {
    const db = freshDb();
    await saveDraft(db, 'dispute:new', content('楼上漏水'));
    await clearDraft(db, 'dispute:new');
    expect(await loadDraft(db, 'dispute:new')).toBeUndefined();
  });

  it('keeps each user’s drafts in that user’s database', async () => {
    const mine = openLocalDb('drafts-user-a');
    const theirs = openLocalDb('drafts-user-b');
    await saveDraft(mine, 'dispute:new', content('我的'));
    expect(await loadDraft(theirs, 'dispute:new')).toBeUndefined();
  });
});
