import { describe, expect, it } from 'vitest';
import { findMatches, snippet } from '../../lib/search/highlight';
import { MAX_QUERY_LENGTH, parseQuery, searchFormSchema, type ParsedQuery } from '../../lib/search/query';
import { foldForSearch, foldWithOrigins, searchTerms } from '../../lib/text-search';

const parsed = (q: string): ParsedQuery => {
  const result = parseQuery(q);
  if (!result.ok) throw new Error(result.error);
  return result.query;
};

describe('folding text for search', () => {
  it('folds as foldForSearch does and leads every folded character back to its original', () => {
    const text = 'Đồng chí Nguyễn Văn Đức: Nghị quyết ĐẢNG ỦY';
    const { folded, origins } = foldWithOrigins(text);
    expect(folded).toBe(foldForSearch(text));
    expect(folded).toBe('dong chi nguyen van duc: nghi quyet dang uy');
    expect(origins).toHaveLength(folded.length);
    const at = folded.indexOf('duc');
    expect(text.slice(origins[at], origins[at + 2]! + 1)).toBe('Đức');
  });

  it('keeps the link when a letter arrives decomposed (NFD), as some keyboards type it', () => {
    const decomposed = 'Nghị quyết'.normalize('NFD');
    const { folded, origins } = foldWithOrigins(decomposed);
    expect(folded).toBe('nghi quyet');
    expect([...origins]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps the link when one character folds to several', () => {
    // A Hangul syllable decomposes (NFD) into three letters that are not marks, so they stay.
    const { folded, origins } = foldWithOrigins('a한b');
    expect(folded).toHaveLength(5);
    expect([...origins]).toEqual([0, 1, 1, 1, 2]);
    const { source, matches } = findMatches('x 한국 y', { clauses: [searchTerms('한국')] });
    expect(matches.map((m) => source.slice(m.start, m.end))).toEqual(['한국']);
  });

  it('folds each character alone, whatever the script, as a plain loop over its characters does', () => {
    const reference = (text: string) => {
      let folded = '';
      const origins: number[] = [];
      let index = 0;
      for (const char of text.normalize('NFC')) {
        const part = char
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')
          .replace(/Đ/g, 'D')
          .toLowerCase();
        folded += part;
        for (let i = 0; i < part.length; i++) origins.push(index);
        index += char.length;
      }
      return { folded, origins };
    };
    // Most characters are read from a table; these take the other path (several units, none, astral).
    const text = 'ĐỒNG chí Đức: nghị quyết 한국 𝒜𝔅 ẞ İ ΟΔΟΣ ﬁ x\u0301 \u0000 \uffff Ắ'.repeat(3);
    // Halves of a surrogate pair on their own stay as they are.
    for (const sample of [text, `\ud800${text}\udc00 lẻ`]) {
      const fast = foldWithOrigins(sample);
      expect(fast.folded).toBe(reference(sample).folded);
      expect([...fast.origins]).toEqual(reference(sample).origins);
    }
  });

  it('splits text into folded terms of letters and digits', () => {
    expect(searchTerms('Ngày 30/8/2026, đ/c Đức (Bí thư).')).toEqual([
      'ngay',
      '30',
      '8',
      '2026',
      'd',
      'c',
      'duc',
      'bi',
      'thu',
    ]);
  });
});

describe('parsing a query', () => {
  it('makes each word a clause and each quoted phrase one clause', () => {
    expect(parseQuery('Nghị quyết "chi bộ thôn" Đức')).toEqual({
      ok: true,
      query: { clauses: [['nghi'], ['quyet'], ['chi', 'bo', 'thon'], ['duc']] },
    });
  });

  it('takes curly quotation marks for a phrase, and drops a clause typed twice', () => {
    expect(parseQuery('“nghị quyết” nghi quyết NGHỊ')).toEqual({
      ok: true,
      query: { clauses: [['nghi', 'quyet'], ['nghi'], ['quyet']] },
    });
  });

  it('refuses an unclosed quote, an empty query, a long one and one with too many words', () => {
    expect(parseQuery('"nghị quyết')).toEqual({ ok: false, error: 'search.unbalanced_quotes' });
    expect(parseQuery('a "b" "c')).toEqual({ ok: false, error: 'search.unbalanced_quotes' });
    expect(parseQuery('  …  ""  ')).toEqual({ ok: false, error: 'search.no_terms' });
    expect(parseQuery('x'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ ok: false, error: 'search.too_long' });
    expect(parseQuery('x'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
    expect(parseQuery('a b c d e f g h i j k l m')).toEqual({ ok: false, error: 'search.too_many_terms' });
  });

  it('cannot be steered into the index query language: operators and quotes are only separators', () => {
    expect(parseQuery("nghi OR quyet* NEAR(a) -b ^c 'd'")).toEqual({
      ok: true,
      query: { clauses: [['nghi'], ['or'], ['quyet'], ['near'], ['a'], ['b'], ['c'], ['d']] },
    });
  });

  it('reads the form: empty filters are no filters, bad ones are refused', () => {
    expect(searchFormSchema.parse({ q: 'x', cell: '', year: '', kind: '', state: '' })).toEqual({ q: 'x', offset: 0 });
    expect(searchFormSchema.parse({ q: 'x', year: '2025', kind: 'regular', offset: '20' })).toEqual({
      q: 'x',
      year: 2025,
      kind: 'regular',
      offset: 20,
    });
    expect(searchFormSchema.safeParse({ q: 'x', kind: 'party' }).success).toBe(false);
    expect(searchFormSchema.safeParse({ q: 'x', year: 'last' }).success).toBe(false);
    expect(searchFormSchema.safeParse({ q: 'x', cell: 'nope' }).success).toBe(false);
  });
});

describe('highlighting matches', () => {
  const minutes =
    'Đồng chí Nguyễn Văn Đức: Đề nghị chi bộ ban hành Nghị quyết về công tác phòng chống dịch. ' +
    'Đồng chí Trần Thị Bình: nhất trí.';

  it('marks the original words of a folded match, diacritics and case as written', () => {
    const { source, matches } = findMatches(minutes, parsed('"nghi quyet" duc'));
    expect(matches.map((m) => source.slice(m.start, m.end))).toEqual(['Đức', 'Nghị quyết']);
  });

  it('marks whole terms only, not a word that merely begins with the term', () => {
    const { source, matches } = findMatches('Bình và Bình Định, binh', parsed('binh'));
    expect(matches.map((m) => source.slice(m.start, m.end))).toEqual(['Bình', 'Bình', 'binh']);
  });

  it('cuts a snippet around the matches and says where text was left out', () => {
    const long = `${'Mở đầu cuộc họp. '.repeat(30)}${minutes}${' Kết thúc.'.repeat(40)}`;
    const piece = snippet(long, parsed('"phong chong"'))!;
    expect(piece.before).toBe(true);
    expect(piece.after).toBe(true);
    expect(piece.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['phòng chống']);
    expect(piece.parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(260);
  });

  it('prefers the window that shows the most different clauses', () => {
    const text = `Bình đọc báo cáo. ${'Nội dung khác. '.repeat(40)}Bình đề nghị sửa đường liên thôn.`;
    const piece = snippet(text, parsed('binh duong'))!;
    expect(piece.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Bình', 'đường']);
    expect(piece.before).toBe(true);
  });

  it('marks a phrase once even when one of its words is also a clause', () => {
    const piece = snippet('Thông qua nghị quyết chi bộ.', parsed('"nghi quyet" nghi'))!;
    expect(piece.parts).toEqual([
      { text: 'Thông qua ', match: false },
      { text: 'nghị quyết', match: true },
      { text: ' chi bộ.', match: false },
    ]);
    // The word inside the phrase still counts: both clauses are in view.
    expect(piece.clauses).toBe(2);
  });

  it('gives no snippet for text without a match', () => {
    expect(snippet(minutes, parsed('khen thuong'))).toBeNull();
  });
});
