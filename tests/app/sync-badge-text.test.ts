import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/app/sync-badge-text';

const base = {
  expired: false,
  syncing: false,
  online: true,
  unsynced: 0,
  lastError: undefined,
  everSynced: true,
};

describe('sync badge', () => {
  it('says everything is synced when online with nothing queued', () => {
    expect(badgeFor(base)).toEqual({ tone: 'ok', text: '在线 · 已全部同步' });
  });

  it('counts the records still on the phone when offline', () => {
    expect(badgeFor({ ...base, online: false, unsynced: 3 })).toEqual({
      tone: 'offline',
      text: '离线 · 3 条待同步',
    });
  });

  it('says offline even when nothing is queued', () => {
    expect(badgeFor({ ...base, online: false })).toEqual({ tone: 'offline', text: '离线 · 无待同步' });
  });

  it('shows pending records while online', () => {
    expect(badgeFor({ ...base, unsynced: 12 })).toEqual({ tone: 'pending', text: '在线 · 12 条待同步' });
  });

  it('says 同步失败 and what to do after a pass the server failed, never 已全部同步', () => {
    expect(badgeFor({ ...base, lastError: 'server' })).toEqual({
      tone: 'failed',
      text: '同步失败 · 稍后自动重试',
    });
    expect(badgeFor({ ...base, lastError: 'device', unsynced: 2 })).toEqual({
      tone: 'failed',
      text: '同步失败 · 稍后自动重试',
    });
  });

  it('asks for an app update when the server answered what this app cannot read', () => {
    expect(badgeFor({ ...base, lastError: 'protocol' })).toEqual({
      tone: 'failed',
      text: '同步失败 · 请更新应用',
    });
  });

  it('does not say 已全部同步 before any pass pushed and pulled in full', () => {
    expect(badgeFor({ ...base, everSynced: false })).toEqual({ tone: 'pending', text: '在线 · 尚未同步' });
  });

  it('shows a pass in progress', () => {
    expect(badgeFor({ ...base, syncing: true, unsynced: 2 })).toEqual({ tone: 'syncing', text: '同步中…' });
  });

  it('asks for a new sign-in above everything else once the session expired', () => {
    expect(badgeFor({ ...base, expired: true, syncing: true, online: false, unsynced: 5 })).toEqual({
      tone: 'expired',
      text: '登录已过期，请重新登录',
    });
  });
});
