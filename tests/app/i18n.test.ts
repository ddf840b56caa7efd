import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { label, locale, restoreLocale, setLocale, t, translate } from '../../src/app/i18n/i18n';

describe('i18n', () => {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    await setLocale('zh-CN');
    localStorage.clear();
  });

  it('speaks Chinese by default', () => {
    expect(locale.value).toBe('zh-CN');
    expect(t('common.save')).toBe('保存');
    expect(label('disputeType', 'neighbor')).toBe('邻里纠纷');
    expect(label('checklist', 'EB04')).toBe('无“飞线”充电');
  });

  it('fills parameters', () => {
    expect(t('badge.pending', { n: 3 })).toBe('3 条待同步');
  });

  it('switches to English, remembers the choice and restores it', async () => {
    await setLocale('en');
    expect(t('common.save')).toBe('Save');
    expect(label('overallResult', 'rectifying')).toBe('Fix by deadline');
    expect(localStorage.getItem('gridkeeper.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    await setLocale('zh-CN');
    localStorage.setItem('gridkeeper.locale', 'en');
    await restoreLocale();
    expect(locale.value).toBe('en');
    expect(t('login.submit')).toBe('Sign in');
  });

  it('falls back to Chinese when a stored language is unknown', async () => {
    localStorage.setItem('gridkeeper.locale', 'fr');
    await restoreLocale();
    expect(locale.value).toBe('zh-CN');
    expect(t('common.delete')).toBe('删除');
  });

  it('falls back to Chinese for a key the English dictionary lacks, and to the key when nobody has it', () => {
    const partial = { 'common.save': 'Save' };
    expect(translate(partial, 'common.save')).toBe('Save');
    expect(translate(partial, 'common.cancel')).toBe('取消');
    expect(translate(partial, 'no.such.key' as 'common.save')).toBe('no.such.key');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translate(undefined, 'badge.pending', {})).toBe('{n} 条待同步');
  });
});
