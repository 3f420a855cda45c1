/**
 * Larger text and higher contrast ("Chữ lớn"): the choice is kept on the
 * account and, so the page is drawn right on first paint before anyone
 * signs in, in a cookie. The server renders `<html data-text-size>` from it.
 */
export const TEXT_SIZE_COOKIE = 'text-size';
export const TEXT_SIZE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export type TextSize = 'normal' | 'large';

export function isTextSize(value: unknown): value is TextSize {
  return value === 'normal' || value === 'large';
}

/** The account's choice when someone is signed in, otherwise the cookie's, otherwise normal text. */
export function textSizeFor(account: { largeText: boolean } | null, cookie: string | undefined): TextSize {
  if (account) return account.largeText ? 'large' : 'normal';
  return isTextSize(cookie) ? cookie : 'normal';
}
