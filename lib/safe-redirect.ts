/**
 * A callbackUrl from the query string, kept only when it is a path on this
 * site: "//evil.example" and absolute URLs would turn sign-in into an open
 * redirect.
 */
export function safeCallbackUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
