import en from '../messages/en.json';
import vi from '../messages/vi.json';
import type { Locale, Messages } from './i18n';

const CATALOGUES: Record<Locale, Messages> = { vi, en };

/** The UI strings of a locale. */
export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}
