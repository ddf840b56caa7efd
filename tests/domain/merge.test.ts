import { describe, expect, it } from 'vitest';
import { deepEqual, differingFields, threeWayMerge } from '../../src/domain/merge';
import type { DisputeRecord, GridRecord, PatrolRecord } from '../../src/domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-kinds';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';
const P1 = '0190a5d2-7a3b-7c4d-8e9f-0123456789ab';
const P2 = '0190a5d2-7a3b-7c4d-8e9f-0123456789ac';
const P3 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a3';
const P4 = '0190a5d2-7a3b-7c4d-8e9f-0000000000a4';

const basePatrol = (): PatrolRecord => ({ ...samplePatrol(ID), rev: 1 });
const baseDispute = (): DisputeRecord => ({ ...sampleDispute(ID), rev: 1 });

function patrolWith(body: Partial<PatrolRecord['body']>, envelope: Partial<PatrolRecord> = {}): PatrolRecord {
  const base = basePatrol();
  return { ...base, ...envelope, body: { ...base.body, ...body } };
}

function disputeWith(
  body: Partial<DisputeRecord['body']>,
  envelope: Partial<DisputeRecord> = {},
): DisputeRecord {
  const base = baseDispute();
  return { ...base, ...envelope, body: { ...base.body, ...body } };
}

const party = (id: string, name: string): DisputeRecord['body']['parties'][number] => ({
  id,
  role: 'party',
  partyType: 'natural',
  name,
});

/** The base dispute's parties with `edit` applied to the one with `id`. */
function partiesWith(id: string, edit: Partial<DisputeRecord['body']['parties'][number]>) {
  return baseDispute().body.parties.map((p) => (p.id === id ? { ...p, ...edit } : p));
}

function merged(result: ReturnType<typeof threeWayMerge>): GridRecord {
  if (!result.ok) throw new Error(`expected a merge, got conflicts ${result.conflicts.join(', ')}`);
  return result.merged;
}

describe('deepEqual', () => {
  it('compares JSON values by value, objects regardless of key order', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
  });

  it('treats a key holding undefined as absent', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(true);
  });
});

describe('threeWayMerge', () => {
  describe('field by field', () => {
    it('keeps a value both sides agree on', () => {
      const mine = patrolWith({ content: '同一改动' });
      const theirs = patrolWith({ content: '同一改动' });
      expect(merged(threeWayMerge(basePatrol(), mine, theirs)).body).toMatchObject({ content: '同一改动' });
    });

    it('takes theirs where mine is unchanged and mine where theirs is unchanged', () => {
      const mine = patrolWith({ content: '我改的内容' });
      const theirs = patrolWith({ householdsVisited: 30 });
      const result = merged(threeWayMerge(basePatrol(), mine, theirs));
      expect(result.body).toEqual({ ...basePatrol().body, content: '我改的内容', householdsVisited: 30 });
    });

    it('is a conflict when both sides changed one field differently', () => {
      const mine = patrolWith({ content: '我的版本' });
      const theirs = patrolWith({ content: '他的版本' });
      expect(threeWayMerge(basePatrol(), mine, theirs)).toEqual({ ok: false, conflicts: ['body.content'] });
    });

    it('lists every conflicting field, and merges none of them', () => {
      const mine = patrolWith({ content: '我的', householdsVisited: 1, status: 'reviewed' });
      const theirs = patrolWith({ content: '他的', householdsVisited: 2 });
      const result = threeWayMerge(basePatrol(), mine, theirs);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.conflicts.sort()).toEqual(['body.content', 'body.householdsVisited']);
    });

    it('merges gridId like a body field, and names it when both moved the record', () => {
      const moved = merged(
        threeWayMerge(basePatrol(), patrolWith({}, { gridId: 'g2' }), patrolWith({ content: 'x' })),
      );
      expect(moved).toMatchObject({ gridId: 'g2', body: { content: 'x' } });
      const result = threeWayMerge(
        basePatrol(),
        patrolWith({}, { gridId: 'g2' }),
        patrolWith({}, { gridId: 'g3' }),
      );
      expect(result).toEqual({ ok: false, conflicts: ['gridId'] });
    });

    it('merges optional fields added or removed on one side', () => {
      const { location: _dropped, ...withoutLocation } = basePatrol().body;
      const mine: PatrolRecord = { ...basePatrol(), body: withoutLocation };
      const theirs = patrolWith({ endedAt: '2026-11-20T11:00:00.000+08:00' });
      const result = merged(threeWayMerge(basePatrol(), mine, theirs));
      expect(result.body).not.toHaveProperty('location');
      expect(result.body).toMatchObject({ endedAt: '2026-11-20T11:00:00.000+08:00' });
    });

    it('is a conflict when one side removed an optional field the other changed', () => {
      const { location: _dropped, ...withoutLocation } = basePatrol().body;
      const mine: PatrolRecord = { ...basePatrol(), body: withoutLocation };
      const theirs = patrolWith({
        location: { lngLat: [118.8, 32.3], capturedAt: '2026-11-20T10:00:00.000+08:00' },
      });
      expect(threeWayMerge(basePatrol(), mine, theirs)).toEqual({ ok: false, conflicts: ['body.location'] });
    });

    it('treats a nested object such as location as one field', () => {
      const base = basePatrol();
      const at = base.body.location?.capturedAt ?? '';
      const mine = patrolWith({ location: { lngLat: [118.75, 32.22], accuracyM: 5, capturedAt: at } });
      const theirs = patrolWith({ location: { lngLat: [118.76, 32.22], accuracyM: 15, capturedAt: at } });
      expect(threeWayMerge(base, mine, theirs)).toEqual({ ok: false, conflicts: ['body.location'] });
    });

    it('treats an array of enums such as patrolTypes as one field', () => {
      const mine = patrolWith({ patrolTypes: ['antiFraud', 'rentalInspection', 'livelihood'] });
      const theirs = patrolWith({ patrolTypes: ['antiFraud', 'rentalInspection', 'environment'] });
      expect(threeWayMerge(basePatrol(), mine, theirs)).toEqual({
        ok: false,
        conflicts: ['body.patrolTypes'],
      });
      const oneSide = merged(threeWayMerge(basePatrol(), mine, patrolWith({ content: 'x' })));
      expect(oneSide.body).toMatchObject({ patrolTypes: ['antiFraud', 'rentalInspection', 'livelihood'] });
    });

    it('treats a checklist (objects without ids) as one field', () => {
      const base = { ...sampleRentalInspection(ID), rev: 1 };
      const edit = (note: string) => ({
        ...base,
        body: { ...base.body, checklist: base.body.checklist.map((e, i) => (i === 1 ? { ...e, note } : e)) },
      });
      expect(threeWayMerge(base, edit('甲'), edit('乙'))).toEqual({
        ok: false,
        conflicts: ['body.checklist'],
      });
    });
  });

  describe('the envelope', () => {
    it('takes id, kind, rev, created* and deleted from theirs, updated* from mine', () => {
      const mine = patrolWith(
        { content: 'mine' },
        { rev: 1, updatedAt: '2026-11-21T08:00:00.000+08:00', updatedBy: 'me', createdBy: 'forged' },
      );
      const theirs = patrolWith(
        { householdsVisited: 3 },
        {
          rev: 4,
          updatedAt: '2026-11-22T08:00:00.000+08:00',
          updatedBy: 'them',
          createdAt: '2026-11-19T08:00:00.000+08:00',
        },
      );
      const result = merged(threeWayMerge(basePatrol(), mine, theirs));
      expect(result).toMatchObject({
        id: ID,
        kind: 'patrol',
        rev: 4,
        createdAt: '2026-11-19T08:00:00.000+08:00',
        createdBy: theirs.createdBy,
        updatedAt: '2026-11-21T08:00:00.000+08:00',
        updatedBy: 'me',
        deleted: false,
        schemaVersion: RECORD_SCHEMA_VERSION,
      });
    });

    it('refuses to merge records of different kinds', () => {
      const dispute = { ...baseDispute(), rev: 2 };
      expect(threeWayMerge(basePatrol(), patrolWith({ content: 'x' }), dispute)).toEqual({
        ok: false,
        conflicts: ['kind'],
      });
    });

    it('does not change its inputs', () => {
      const base = baseDispute();
      const mine = disputeWith({ parties: [...base.body.parties, party(P3, '孙')] });
      const theirs = disputeWith({ parties: [...base.body.parties, party(P4, '周')] });
      const copies = structuredClone([base, mine, theirs]);
      threeWayMerge(base, mine, theirs);
      expect([base, mine, theirs]).toEqual(copies);
    });
  });

  describe('child lists (dispute parties)', () => {
    const names = (record: GridRecord) =>
      (record as DisputeRecord).body.parties.map((p) => `${p.id.slice(-2)}:${p.name}`);

    it('keeps parties added on both sides: theirs in their order, then mine', () => {
      const base = baseDispute();
      const mine = disputeWith({ parties: [...base.body.parties, party(P3, '孙')] });
      const theirs = disputeWith({ parties: [party(P4, '周'), ...base.body.parties] });
      expect(names(merged(threeWayMerge(base, mine, theirs)))).toEqual([
        'a4:周',
        'ab:李秀英',
        'ac:赵伟',
        'a3:孙',
      ]);
    });

    it('keeps one party added by both with the same content once', () => {
      const base = baseDispute();
      const both = disputeWith({ parties: [...base.body.parties, party(P3, '孙')] });
      expect(names(merged(threeWayMerge(base, both, structuredClone(both))))).toEqual([
        'ab:李秀英',
        'ac:赵伟',
        'a3:孙',
      ]);
    });

    it('is a conflict when both added the same party id with different content', () => {
      const base = baseDispute();
      const mine = disputeWith({ parties: [...base.body.parties, party(P3, '孙')] });
      const theirs = disputeWith({ parties: [...base.body.parties, party(P3, '孙某')] });
      expect(threeWayMerge(base, mine, theirs)).toEqual({ ok: false, conflicts: [`body.parties.${P3}`] });
    });

    it('removes a party removed on one side and unchanged on the other', () => {
      const base = disputeWith({ parties: [...baseDispute().body.parties, party(P3, '孙')] });
      const mine = disputeWith({ parties: baseDispute().body.parties });
      const theirs = disputeWith({
        parties: [...baseDispute().body.parties, party(P3, '孙'), party(P4, '周')],
      });
      expect(names(merged(threeWayMerge(base, mine, theirs)))).toEqual(['ab:李秀英', 'ac:赵伟', 'a4:周']);
      expect(names(merged(threeWayMerge(base, theirs, mine)))).toEqual(['ab:李秀英', 'ac:赵伟', 'a4:周']);
    });

    it('drops a party removed on both sides', () => {
      const base = disputeWith({ parties: [...baseDispute().body.parties, party(P3, '孙')] });
      const mine = disputeWith({ parties: baseDispute().body.parties, summary: '我改了摘要' });
      const theirs = disputeWith({ parties: [...baseDispute().body.parties], title: '他改了标题' });
      expect(names(merged(threeWayMerge(base, mine, theirs)))).toEqual(['ab:李秀英', 'ac:赵伟']);
    });

    it('takes a change to a party made on one side only, from either side', () => {
      const base = baseDispute();
      const mine = disputeWith({ parties: partiesWith(P1, { phone: '13900000000' }) });
      const theirs = disputeWith({ parties: [...partiesWith(P2, { name: '赵伟伟' }), party(P3, '孙')] });
      const result = merged(threeWayMerge(base, mine, theirs)) as DisputeRecord;
      expect(result.body.parties).toEqual([
        { ...base.body.parties[0], phone: '13900000000' },
        { ...base.body.parties[1], name: '赵伟伟' },
        party(P3, '孙'),
      ]);
    });

    it('keeps a party both sides changed the same way', () => {
      const base = baseDispute();
      const edit = disputeWith({ parties: partiesWith(P1, { name: '李秀英(已核实)' }) });
      const result = merged(threeWayMerge(base, edit, structuredClone(edit))) as DisputeRecord;
      expect(result.body.parties[0]?.name).toBe('李秀英(已核实)');
    });

    it('is a conflict naming the party when both changed it differently', () => {
      const mine = disputeWith({ parties: partiesWith(P1, { name: '李秀英甲' }) });
      const theirs = disputeWith({ parties: partiesWith(P1, { phone: '13900000000' }) });
      expect(threeWayMerge(baseDispute(), mine, theirs)).toEqual({
        ok: false,
        conflicts: [`body.parties.${P1}`],
      });
    });

    it('is a conflict when one side removed a party the other changed, either way round', () => {
      const base = disputeWith({ parties: [...baseDispute().body.parties, party(P3, '孙')] });
      const removed = disputeWith({ parties: baseDispute().body.parties });
      const edited = disputeWith({ parties: [...baseDispute().body.parties, party(P3, '孙晓')] });
      const conflict = { ok: false, conflicts: [`body.parties.${P3}`] };
      expect(threeWayMerge(base, removed, edited)).toEqual(conflict);
      expect(threeWayMerge(base, edited, removed)).toEqual(conflict);
    });

    it('merges the rest of the list and reports only the colliding party', () => {
      const base = baseDispute();
      const mine = disputeWith({ parties: [...partiesWith(P1, { name: '甲' }), party(P3, '孙')] });
      const theirs = disputeWith({ parties: [...partiesWith(P1, { name: '乙' }), party(P4, '周')] });
      expect(threeWayMerge(base, mine, theirs)).toEqual({ ok: false, conflicts: [`body.parties.${P1}`] });
    });

    it('merges a child list that was absent in the base', () => {
      const base = basePatrol();
      const withCompanions = (ids: string[]) =>
        ({
          ...base,
          body: { ...base.body, accompaniedBy: ids.map((id) => ({ id, name: `陪同${id.slice(-1)}` })) },
        }) as GridRecord;
      const result = merged(threeWayMerge(base, withCompanions([P3]), withCompanions([P4])));
      expect(result.body).toMatchObject({ accompaniedBy: [{ id: P4 }, { id: P3 }] });
    });

    it('does not merge item by item a child list whose ids repeat', () => {
      const base = basePatrol();
      const withCompanions = (items: { id: string; name: string }[]) =>
        ({ ...base, body: { ...base.body, accompaniedBy: items } }) as GridRecord;
      const result = threeWayMerge(
        withCompanions([{ id: P1, name: '甲' }]),
        withCompanions([
          { id: P1, name: '甲' },
          { id: P1, name: '乙' },
        ]),
        withCompanions([
          { id: P1, name: '甲' },
          { id: P2, name: '丙' },
        ]),
      );
      expect(result).toEqual({ ok: false, conflicts: ['body.accompaniedBy'] });
    });

    it('merges item by item only the lists its kind names: any other list of items is one field', () => {
      // A list the patrol kind does not name as a child list (here one this build has no field
      // for): the kind's merge rules, not the shape of the value, decide how it merges.
      const base = basePatrol();
      const withItems = (ids: string[]) =>
        ({ ...base, body: { ...base.body, items: ids.map((id) => ({ id })) } }) as GridRecord;
      const result = threeWayMerge(withItems([P1]), withItems([P1, P3]), withItems([P1, P4]));
      expect(result).toEqual({ ok: false, conflicts: ['body.items'] });
    });
  });
});

describe('threeWayMerge of two edits by one person on one device (collisions: mine)', () => {
  it('takes the later edit where both changed one field, and still merges the rest', () => {
    const base = patrolWith({ content: 'a', weather: '晴' });
    const earlier = patrolWith({ content: 'b', weather: '雨' });
    const later = patrolWith({ content: 'c', weather: '晴' });
    expect(threeWayMerge(base, later, earlier).ok).toBe(false);
    const result = merged(threeWayMerge(base, later, earlier, 'mine'));
    expect(result.body).toMatchObject({ content: 'c', weather: '雨' });
  });

  it('takes my version of a child-list item both changed, and my removal of one the other changed', () => {
    const base = baseDispute();
    const [first, second] = base.body.parties;
    if (!first || !second) throw new Error('sample dispute needs two parties');
    const earlier = disputeWith({
      parties: partiesWith(first.id, { name: '早' }).map((p) =>
        p.id === second.id ? { ...p, name: '改' } : p,
      ),
    });
    const later = disputeWith({ parties: [{ ...first, name: '晚' }] });
    const result = merged(threeWayMerge(base, later, earlier, 'mine')) as DisputeRecord;
    expect(result.body.parties.map((p) => p.name)).toEqual(['晚']);
  });
});

describe('differingFields', () => {
  it('answers nothing for equal records, whatever the envelope metadata', () => {
    expect(differingFields(basePatrol(), patrolWith({}, { rev: 9, updatedBy: 'x' }))).toEqual([]);
  });

  it('names gridId, deleted and each differing body field, nested objects as one', () => {
    const other = patrolWith(
      { content: 'x', location: { lngLat: [1, 2], capturedAt: '2026-11-20T10:00:00.000+08:00' } },
      { gridId: 'g2', deleted: true },
    );
    expect(differingFields(basePatrol(), other)).toEqual([
      'gridId',
      'deleted',
      'body.content',
      'body.location',
    ]);
  });

  it('names a field present on one side only', () => {
    const { location: _dropped, ...withoutLocation } = basePatrol().body;
    expect(differingFields(basePatrol(), { ...basePatrol(), body: withoutLocation })).toEqual([
      'body.location',
    ]);
  });

  it('names each differing party of a child list, and the list when only the order differs', () => {
    const base = baseDispute();
    const other = disputeWith({ parties: [...partiesWith(P2, { name: '赵' }), party(P3, '孙')] });
    expect(differingFields(base, other)).toEqual([`body.parties.${P2}`, `body.parties.${P3}`]);
    const reordered = disputeWith({ parties: [...base.body.parties].reverse() });
    expect(differingFields(base, reordered)).toEqual(['body.parties']);
  });
});

describe('photo ids merge as a set', () => {
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const C = 'c'.repeat(64);
  const withPhotos = (record: GridRecord, photoIds: string[] | undefined): GridRecord =>
    ({ ...record, body: { ...record.body, photoIds } }) as GridRecord;

  it('keeps photos both sides added', () => {
    const base = samplePatrol(ID);
    const result = threeWayMerge(withPhotos(base, [A]), withPhotos(base, [A, B]), withPhotos(base, [A, C]));
    expect(result).toEqual({
      ok: true,
      merged: expect.objectContaining({ body: expect.objectContaining({ photoIds: [A, C, B] }) }),
    });
  });

  it('honours a removal on one side while the other adds', () => {
    const base = samplePatrol(ID);
    const result = threeWayMerge(
      withPhotos(base, [A, B]),
      withPhotos(base, [B]),
      withPhotos(base, [A, B, C]),
    );
    expect(result.ok && result.merged.body).toMatchObject({ photoIds: [B, C] });
  });

  it('merges a first photo on each side into a list', () => {
    const base = samplePatrol(ID);
    const result = threeWayMerge(withPhotos(base, undefined), withPhotos(base, [A]), withPhotos(base, [B]));
    expect(result.ok && result.merged.body).toMatchObject({ photoIds: [B, A] });
  });
});
