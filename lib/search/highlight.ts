import { foldWithOrigins } from '../text-search';
import type { ParsedQuery } from './query';

/** Characters of text a snippet shows around its matches. */
const SNIPPET_LENGTH = 240;
/** Characters shown before the first match of a snippet, so it starts mid-sentence less often. */
const LEAD = 60;
/** Matches looked at when choosing a snippet's window: enough for any page of minutes people read. */
const MAX_MATCHES = 500;

/** A piece of a snippet; `match` pieces are shown marked (<mark>). */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface Snippet {
  parts: SnippetPart[];
  /** Text was cut before / after the snippet. */
  before: boolean;
  after: boolean;
  /** How many of the query's clauses the snippet shows: the best field of a meeting shows most. */
  clauses: number;
}

/** A match in the original (NFC) text: [start, end) and the clause it satisfies. */
interface Match {
  start: number;
  end: number;
  clause: number;
}

/** Each clause's pattern, made once per query: a page of results looks for the same query in twenty texts. */
const clausePatterns = new WeakMap<ParsedQuery, RegExp[]>();

function patternsOf(query: ParsedQuery): RegExp[] {
  let patterns = clausePatterns.get(query);
  if (!patterns) {
    // Terms are letters and digits only, so they go into the pattern as they are; a phrase's terms
    // may be separated by anything that is not a letter or digit, as the index separates them.
    patterns = query.clauses.map(
      (clause) => new RegExp(`(?<![\\p{L}\\p{N}])${clause.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'gu'),
    );
    clausePatterns.set(query, patterns);
  }
  return patterns;
}

/**
 * Where the query's clauses occur in a text, as ranges of the text itself.
 * Matching is done on folded terms, exactly as the index matches, and each
 * folded position leads back to the character it came from, so "nghi quyet"
 * marks "Nghị quyết" as written.
 */
export function findMatches(text: string, query: ParsedQuery): { source: string; matches: Match[] } {
  const source = text.normalize('NFC');
  const { folded, origins } = foldWithOrigins(source);
  /** The end, in `source`, of the character folded position `i` came from. */
  const originalEnd = (i: number) => {
    const origin = origins[i]!;
    let next = i + 1;
    while (next < origins.length && origins[next] === origin) next++;
    return next < origins.length ? origins[next]! : source.length;
  };
  const matches: Match[] = [];
  patternsOf(query).forEach((pattern, index) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded); m && matches.length < MAX_MATCHES; m = pattern.exec(folded)) {
      matches.push({ start: origins[m.index]!, end: originalEnd(m.index + m[0].length - 1), clause: index });
    }
  });
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  return { source, matches };
}

/**
 * The first match of the window (from a match's start, `reach` characters
 * long) that holds the most different clauses whole. Matches are sorted by
 * start, so each window looks only at the matches from its own on, up to
 * its end: a text with hundreds of matches of a common word costs hundreds
 * of steps per window, not hundreds squared.
 */
function bestAnchor(matches: readonly Match[], reach: number): Match {
  let best = matches[0]!;
  let bestCount = 0;
  let first = 0;
  const seen = new Set<number>();
  for (const anchor of matches) {
    // Matches that start where the anchor starts count too, whichever of them sorts first.
    while (matches[first]!.start < anchor.start) first++;
    const limit = anchor.start + reach;
    seen.clear();
    for (let j = first; j < matches.length && matches[j]!.start <= limit; j++) {
      if (matches[j]!.end <= limit) seen.add(matches[j]!.clause);
    }
    if (seen.size > bestCount) {
      best = anchor;
      bestCount = seen.size;
    }
  }
  return best;
}

/** Moves a cut to the nearest space at or before `at`, unless that is too far back. */
function backToSpace(text: string, at: number): number {
  const space = text.lastIndexOf(' ', at);
  return space > at - 20 && space > 0 ? space + 1 : at;
}

/**
 * A short piece of text around the query's matches, the matches marked.
 * The window is the one that holds the most different clauses (a phrase and
 * a word both in view beat the first occurrence of one of them). Null when
 * nothing in the text matches.
 */
export function snippet(text: string, query: ParsedQuery, length = SNIPPET_LENGTH): Snippet | null {
  const { source, matches } = findMatches(text, query);
  if (matches.length === 0) return null;
  const best = bestAnchor(matches, length - LEAD);
  const start = best.start <= LEAD ? 0 : backToSpace(source, best.start - LEAD);
  let end = Math.min(source.length, start + length);
  // Never cut a match in two at the end of the window.
  for (const m of matches) if (m.start < end && m.end > end) end = m.end;
  if (end < source.length) {
    const space = source.lastIndexOf(' ', end);
    if (space > best.end && space > end - 20) end = space;
  }
  const parts: SnippetPart[] = [];
  const shown = new Set<number>();
  let at = start;
  const push = (to: number, match: boolean) => {
    if (to <= at) return;
    parts.push({ text: source.slice(at, to).replace(/\s+/g, ' '), match });
    at = to;
  };
  // Matches are in order, and where a phrase and one of its words both match the longer comes first and wins.
  for (const m of matches) {
    if (m.end <= start || m.start >= end) continue;
    shown.add(m.clause);
    if (m.start < at) continue;
    push(m.start, false);
    push(m.end, true);
  }
  push(end, false);
  return { parts, before: start > 0, after: end < source.length, clauses: shown.size };
}
