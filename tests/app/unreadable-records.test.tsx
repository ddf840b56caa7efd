import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnreadableRecords } from '../../src/app/components/unreadable-records';
import { currentDb, session } from '../../src/app/status/session';

afterEach(() => {
  document.body.innerHTML = '';
  session.value = null;
});

function signedIn(userId: string) {
  session.value = {
    key: 'current',
    token: 'token',
    user: { id: userId, name: '张敏', role: 'fullTimeGridWorker', scope: { gridIds: [] } },
    expiresAt: '2099-01-01T00:00:00.000Z',
    expired: true,
  };
  const db = currentDb.value;
  if (!db) throw new Error('a signed-in user has a device database');
  return db;
}

describe('the sync panel row for records the app cannot read', () => {
  it('says how many need an app update, and nothing when there are none', async () => {
    const db = signedIn('unreadable-row-user');
    const host = document.createElement('div');
    document.body.append(host);
    act(() => render(<UnreadableRecords />, host));
    await act(async () => {
      await db.meta.put({ key: 'unreadableRecords', value: { ids: ['a', 'b', 'c'] } });
    });
    await vi.waitFor(() => expect(host.textContent).toContain('有 3 条记录需要更新应用后查看'));
    await act(async () => {
      await db.meta.put({ key: 'unreadableRecords', value: { ids: [] } });
    });
    await vi.waitFor(() => expect(host.textContent).toBe(''));
  });

  it('counts the records kept for a newer app with those it cannot read', async () => {
    const db = signedIn('opaque-row-user');
    const host = document.createElement('div');
    document.body.append(host);
    act(() => render(<UnreadableRecords />, host));
    const change = (id: string) => ({ ...keptChange, id });
    await act(async () => {
      await db.opaqueRecords.bulkPut([
        { id: 'e1', change: change('e1') },
        { id: 'e2', change: change('e2') },
      ]);
      await db.meta.put({ key: 'unreadableRecords', value: { ids: ['a'] } });
    });
    await vi.waitFor(() => expect(host.textContent).toContain('有 3 条记录需要更新应用后查看'));
    await act(async () => {
      await db.opaqueRecords.clear();
    });
    await vi.waitFor(() => expect(host.textContent).toContain('有 1 条记录需要更新应用后查看'));
  });
});

/** A pulled change of a kind this app does not know, as pull.ts keeps it. */
const keptChange = {
  id: 'e0',
  kind: 'gridEvent',
  schemaVersion: 1,
  gridId: 'g1',
  rev: 1,
  createdAt: '2026-11-20T09:30:00.000+08:00',
  createdBy: 'u1',
  updatedAt: '2026-11-20T09:30:00.000+08:00',
  updatedBy: 'u1',
  deleted: false,
  body: { title: '井盖缺失' },
};
