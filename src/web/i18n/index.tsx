/**
 * Our own small i18n: a React context with the current locale and `t`. Chinese is the default;
 * the choice is kept in localStorage (and, when signed in, in the account: see auth/AuthContext).
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { pickLocale, type TLocale, type TText } from '../../shared/locale.ts';
import { setRequestLocale } from '../api.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

const DICTIONARIES: Record<TLocale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'lianxin.locale';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18n {
  locale: TLocale;
  t: Translate;
  /** Switches the language; `persist: false` applies it without remembering it on this device. */
  setLocale(locale: TLocale, options?: { persist?: boolean }): void;
  /** A text given in both languages (role labels, region names) in the current one. */
  text(value: TText): string;
}

/** The language explicitly chosen on this device, if any. */
export function storedLocale(): TLocale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'zh-CN' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

function initialLocale(): TLocale {
  return storedLocale() ?? pickLocale(typeof navigator === 'undefined' ? undefined : navigator.languages?.join(','));
}

function applyToEnvironment(locale: TLocale) {
  setRequestLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

export const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(zhCN, key);

function format(template: string, vars?: Vars) {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<TLocale>(() => {
    const chosen = initialLocale();
    // Synchronously, so that the first requests of child components already carry the header.
    applyToEnvironment(chosen);
    return chosen;
  });

  const setLocale = useCallback((next: TLocale, options: { persist?: boolean } = {}) => {
    applyToEnvironment(next);
    if (options.persist !== false) {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[locale];
    return {
      locale,
      t: (key, vars) => format(dictionary[key], vars),
      setLocale,
      text: (v) => v[locale],
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
