/**
 * Folds Vietnamese text for matching what people type: no diacritics, "đ" as
 * "d", lower case. "an" finds "Nguyễn Văn Ân"; so does "Ân".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/** Folded forms of the non-ASCII characters met so far: Vietnamese text uses a few hundred at most. */
const foldedChars = new Map<string, string>();
/** Bound on the cache, so text in many scripts cannot grow it without end. */
const MAX_CACHED_CHARS = 10_000;

/** One character (code point) folded as foldForSearch folds text (without the trim). */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII is most of any text, and only its capitals change: no normalising per character for it.
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    folded = char
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    if (foldedChars.size < MAX_CACHED_CHARS) foldedChars.set(char, folded);
  }
  return folded;
}

/**
 * Folds text as foldForSearch does, keeping for every character of the
 * folded text the index (in `text.normalize('NFC')`, which is what callers
 * should show) of the character it came from. Folding a whole string at once
 * loses that link (NFD splits a letter into several code units, and a few
 * characters fold to more than one), so each code point is folded alone: the
 * same result, and a match found in the folded text can be marked in the
 * original.
 */
export function foldWithOrigins(text: string): { folded: string; origins: number[] } {
  const source = text.normalize('NFC');
  let folded = '';
  const origins: number[] = [];
  let index = 0;
  for (const char of source) {
    const part = foldChar(char);
    folded += part;
    for (let i = 0; i < part.length; i++) origins.push(index);
    index += char.length;
  }
  return { folded, origins };
}

/** Letters and digits: what a search term is made of; everything else separates terms. */
export const SEARCH_TOKEN = /[\p{L}\p{N}]+/gu;

/** The folded terms of a text, in order: what the search index stores and what a query is split into. */
export function searchTerms(text: string): string[] {
  let folded = '';
  for (const char of text.normalize('NFC')) folded += foldChar(char);
  return folded.match(SEARCH_TOKEN) ?? [];
}
