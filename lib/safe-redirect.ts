const THIS_SITE = 'http://bienban.invalid';

/**
 * A callbackUrl from the query string, kept only when it is a path on this
 * site. "//evil.example", absolute URLs, backslashes and control characters
 * are refused: browsers drop tabs and line breaks from URLs and read "\" as
 * "/", so "/\t/evil.example" would otherwise leave the site. What is kept is
 * the path as a URL parser reads it, never the raw string.
 */
export function safeCallbackUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (Array.from(value).some((c) => c <= '\u001f' || c === '\u007f' || c === '\\')) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, THIS_SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== THIS_SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? fallback : path;
}
