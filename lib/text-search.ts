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
 * The folded code unit of every UTF-16 code unit that folds to exactly one
 * (Vietnamese letters, ASCII and most of what minutes hold), filled as
 * characters are met; NOT_ONE for those that fold to none or several, and
 * for halves of surrogate pairs, which take the slow path. A table read per
 * character instead of a map lookup and a string append made folding a page
 * of minutes 2–3 times faster, and a search page folds twenty of them.
 */
const FOLD_UNIT = new Uint16Array(0x10000);
/** Not a folded unit: U+FFFF is a noncharacter, and it folds to itself through the slow path. */
const NOT_ONE = 0xffff;

/** The folded unit of a code unit (0 is both "not looked at" and NUL, which folds to itself). */
function foldUnit(code: number): number {
  let unit = FOLD_UNIT[code]!;
  if (unit === 0 && code !== 0) {
    const folded = code >= 0xd800 && code <= 0xdfff ? '' : foldChar(String.fromCharCode(code));
    unit = folded.length === 1 ? folded.charCodeAt(0) : NOT_ONE;
    FOLD_UNIT[code] = unit;
  }
  return unit;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16 = new TextDecoder('utf-16le');

/** The first `length` units as a string; the decoder would replace a lone surrogate, so those go unit by unit. */
function unitsToString(units: Uint16Array, length: number, loneSurrogates: boolean): string {
  if (LITTLE_ENDIAN && !loneSurrogates) return utf16.decode(units.subarray(0, length));
  let out = '';
  for (let at = 0; at < length; at += 4096)
    out += String.fromCharCode(...units.subarray(at, Math.min(length, at + 4096)));
  return out;
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
export function foldWithOrigins(text: string): { folded: string; origins: Int32Array } {
  const source = text.normalize('NFC');
  const n = source.length;
  let units = new Uint16Array(n + 8);
  let origins = new Int32Array(n + 8);
  let length = 0;
  let loneSurrogates = false;
  for (let i = 0; i < n;) {
    const code = source.charCodeAt(i);
    const unit = foldUnit(code);
    if (unit !== NOT_ONE && length < units.length) {
      units[length] = unit;
      origins[length++] = i++;
      continue;
    }
    // A code point (a surrogate pair, or a lone half) folded alone, as iterating the string yields it.
    const low = i + 1 < n ? source.charCodeAt(i + 1) : 0;
    const width = code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    const part = foldChar(source.slice(i, i + width));
    if (width === 1 && code >= 0xd800 && code <= 0xdfff) loneSurrogates = true;
    if (length + part.length > units.length) {
      const size = Math.max(units.length * 2, length + part.length);
      const grownUnits = new Uint16Array(size);
      grownUnits.set(units);
      units = grownUnits;
      const grownOrigins = new Int32Array(size);
      grownOrigins.set(origins);
      origins = grownOrigins;
    }
    for (let k = 0; k < part.length; k++) {
      units[length] = part.charCodeAt(k);
      origins[length++] = i;
    }
    i += width;
  }
  return { folded: unitsToString(units, length, loneSurrogates), origins: origins.subarray(0, length) };
}

/** Letters and digits: what a search term is made of; everything else separates terms. */
const SEARCH_TOKEN = /[\p{L}\p{N}]+/gu;

/** The folded terms of a text, in order: what the search index stores and what a query is split into. */
export function searchTerms(text: string): string[] {
  return foldWithOrigins(text).folded.match(SEARCH_TOKEN) ?? [];
}
