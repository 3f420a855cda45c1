'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { hasMessage, translator, type Locale, type Messages, type Translate } from '../lib/i18n';

interface I18nContextValue {
  locale: Locale;
  /** The organisation's time zone: times are shown in it, whatever the device's. */
  timeZone: string;
  t: Translate;
  /** True when `key` has a message; for keys that arrive from elsewhere (the server). */
  has: (key: string) => boolean;
}

const I18nContext = createContext<I18nContextValue | null>(null);

/** Gives client components the messages the server chose for this request. */
export function I18nProvider({
  locale,
  messages,
  timeZone,
  children,
}: {
  locale: Locale;
  messages: Messages;
  timeZone: string;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ locale, timeZone, t: translator(messages), has: (key: string) => hasMessage(messages, key) }),
    [locale, timeZone, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current locale and translate function inside a client component. */
export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
