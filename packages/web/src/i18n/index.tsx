import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './en';
import { es } from './es';

export type { Messages } from './en';
export type Lang = 'en' | 'es';

const catalogs: Record<Lang, Messages> = { en, es };
const storageKey = 'harbor.lang';

interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(storageKey) === 'es' ? 'es' : 'en';
  } catch {
    return 'en';
  }
}

/** The chosen language: its strings for every component, and `<html lang>` kept in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(storedLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      window.localStorage.setItem(storageKey, lang);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, [lang]);
  const value = useMemo(() => ({ lang, t: catalogs[lang], setLang }), [lang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = use(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The strings of the current language. */
export const useT = (): Messages => useI18n().t;

export const isLang = (value: string): value is Lang => value === 'en' || value === 'es';
