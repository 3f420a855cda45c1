import { z } from 'zod';
import { MEETING_KINDS, MEETING_STATES } from '../domain';
import { searchTerms } from '../text-search';

/** Longest query accepted, in characters: longer ones are refused with `search.too_long`. */
export const MAX_QUERY_LENGTH = 200;
/** Most terms (words, counting every word of a phrase) a query may hold; more are refused. */
const MAX_QUERY_TERMS = 12;
/** Results shown per page. */
export const SEARCH_PAGE_SIZE = 20;
/** Deepest page offered: beyond it people narrow the query instead. */
const MAX_SEARCH_OFFSET = 1000;

/**
 * A parsed query: every clause must match. A clause is a phrase, its terms
 * adjacent and in order; a lone word is a phrase of one term. Terms are
 * folded (no diacritics, "đ" as "d", lower case), like the indexed text.
 */
export interface ParsedQuery {
  clauses: string[][];
}

export type QueryError = 'search.too_long' | 'search.unbalanced_quotes' | 'search.no_terms' | 'search.too_many_terms';

export type QueryResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

/** Quotation marks people type for a phrase: straight, curly, and the ones Vietnamese keyboards produce. */
const QUOTES = /["“”„]/g;

/**
 * Parses what someone typed: words, and phrases in double quotes
 * (`"nghị quyết" chi bộ`). Refuses, with a reason the page can show, a
 * query that is too long, has an unclosed quote, has no word at all, or has
 * too many words to be answered quickly.
 */
export function parseQuery(input: string): QueryResult {
  if (input.length > MAX_QUERY_LENGTH) return { ok: false, error: 'search.too_long' };
  const pieces = input.replace(QUOTES, '"').split('"');
  // An odd number of quotes leaves an even number of pieces.
  if (pieces.length % 2 === 0) return { ok: false, error: 'search.unbalanced_quotes' };
  const clauses: string[][] = [];
  pieces.forEach((piece, index) => {
    const terms = searchTerms(piece);
    if (terms.length === 0) return;
    if (index % 2 === 1) clauses.push(terms);
    else for (const term of terms) clauses.push([term]);
  });
  if (clauses.length === 0) return { ok: false, error: 'search.no_terms' };
  if (clauses.flat().length > MAX_QUERY_TERMS) return { ok: false, error: 'search.too_many_terms' };
  return { ok: true, query: { clauses: dedupe(clauses) } };
}

/** The same clause twice asks nothing more of the index. */
function dedupe(clauses: string[][]): string[][] {
  const seen = new Set<string>();
  return clauses.filter((clause) => {
    const key = clause.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** The search form's fields (a GET form: everything arrives as text); the same schema on the page and in tests. */
export const searchFormSchema = z.object({
  q: z.string().max(10_000).default(''),
  cell: z.preprocess(emptyToUndefined, z.uuid('invalid_choice').optional()),
  year: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1900).max(2999).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(MEETING_KINDS, 'invalid_choice').optional()),
  state: z.preprocess(emptyToUndefined, z.enum(MEETING_STATES, 'invalid_choice').optional()),
  offset: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0)),
});

export type SearchForm = z.infer<typeof searchFormSchema>;

/** Narrowing of a search besides its words. */
export interface SearchFilters {
  cellId?: string;
  year?: number;
  kind?: (typeof MEETING_KINDS)[number];
  state?: (typeof MEETING_STATES)[number];
}
