/**
 * Locale handling shared by server and browser. Messages are nested JSON
 * objects (messages/vi.json, messages/en.json) addressed by dotted keys.
 */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Most users are Vietnamese party members: Vietnamese unless they choose otherwise. */
export const DEFAULT_LOCALE: Locale = 'vi';

/** The cookie that remembers the chosen language for a year. */
export const LOCALE_COOKIE = 'locale';
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export interface Messages {
  [key: string]: string | Messages;
}

export type TranslationVars = Record<string, string | number>;

/** A bound translate function: `t('errors.required')`. */
export type Translate = (key: string, vars?: TranslationVars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** True when `key` names a message (not a group of messages). */
export function hasMessage(messages: Messages, key: string): boolean {
  return lookup(messages, key) !== undefined;
}

/**
 * The message at `key` with {name} placeholders filled from `vars`. A missing
 * key returns the key itself, so a gap shows up on screen instead of an empty
 * label; a missing variable leaves its placeholder in place.
 */
export function translate(messages: Messages, key: string, vars?: TranslationVars): string {
  const message = lookup(messages, key);
  if (message === undefined) return key;
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** Binds `translate` to one set of messages. */
export function translator(messages: Messages): Translate {
  return (key, vars) => translate(messages, key, vars);
}

/** The key of the message for an error code; unknown codes fall back to `fallback`'s message. */
export function errorKey(messages: Messages, code: string, fallback = 'unexpected'): string {
  const key = `errors.${code}`;
  return hasMessage(messages, key) ? key : `errors.${fallback}`;
}
