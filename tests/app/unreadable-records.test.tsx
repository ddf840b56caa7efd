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
});
