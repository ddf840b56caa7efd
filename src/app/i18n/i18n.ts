/**
 * `t(key)` reads two signals (the locale and the loaded dictionary), so any component that calls it
 * while rendering re-renders when the language changes. Chinese is built in; English is a lazy
 * chunk, precached by the service worker like every other chunk, so switching works offline.
 */
import { signal } from '@preact/signals';
import { type MessageKey, zhCN } from './zh-cn';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export type Dictionary = Partial<Record<MessageKey, string>>;
export type MessageParams = Record<string, string | number>;

const LOCALE_STORAGE_KEY = 'gridkeeper.locale';

export const locale = signal<Locale>('zh-CN');
const loaded = signal<Dictionary | undefined>(undefined);
/** Chinese strings of the lazy screens, added when they load (screen-messages.ts). */
const screenMessages = signal<Dictionary>({});

/** Makes the strings of lazily loaded screens available to `t`. */
export function addScreenMessages(messages: Dictionary): void {
  screenMessages.value = { ...screenMessages.value, ...messages };
}

/** Looks `key` up in `dictionary`, then Chinese, then returns the key itself; fills `{name}`s. */
export function translate(
  dictionary: Dictionary | undefined,
  key: MessageKey,
  params?: MessageParams,
): string {
  const template = dictionary?.[key] ?? (zhCN as Dictionary)[key] ?? screenMessages.value[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The UI string for `key` in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale.value === 'zh-CN' ? undefined : loaded.value, key, params);
}

/** Label of an enum value, e.g. `label('disputeType', 'neighbor')` → 邻里纠纷. */
export function label(group: string, value: string): string {
  return t(`${group}.${value}` as MessageKey);
}

async function dictionaryFor(next: Locale): Promise<Dictionary | undefined> {
  if (next === 'zh-CN') return undefined;
  return (await import('./en')).en;
}

/** Switches the language, remembering the choice on this device. */
export async function setLocale(next: Locale): Promise<void> {
  loaded.value = await dictionaryFor(next);
  locale.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Storage blocked (private mode): the choice lasts for this visit only.
  }
}

/** Restores the remembered language; Chinese when nothing (or something unknown) was stored. */
export async function restoreLocale(): Promise<void> {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    stored = null;
  }
  const next = LOCALES.find((l) => l === stored) ?? 'zh-CN';
  if (next !== locale.value) await setLocale(next);
}

/** BCP 47 tag for Intl formatters. */
export function intlLocale(): string {
  return locale.value === 'zh-CN' ? 'zh-CN' : 'en-GB';
}
