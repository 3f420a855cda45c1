import { cookies } from 'next/headers';
import {
  DEFAULT_LOCALE,
  LOCALE_COOKIE,
  isLocale,
  translator,
  type Locale,
  type Messages,
  type Translate,
} from '../lib/i18n';
import { messagesFor } from '../lib/messages';
import { getRuntime } from './runtime';

export interface I18n {
  locale: Locale;
  messages: Messages;
  t: Translate;
  /** The organisation's time zone, in which every time is shown. */
  timeZone: string;
}

/**
 * The request's language, from the `locale` cookie, for server components and
 * server actions. Reading the cookie also marks the route as dynamic, which
 * every page here is (they all depend on the signed-in user).
 */
export async function getI18n(): Promise<I18n> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : (getRuntime().language ?? DEFAULT_LOCALE);
  const messages = messagesFor(locale);
  return { locale, messages, t: translator(messages), timeZone: getRuntime().timeZone };
}
