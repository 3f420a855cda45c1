import { describe, expect, it } from 'vitest';
import { parseOptions, selected } from '../../bench/options';
import { archiveBatches } from '../../bench/search-archive';
import { SEARCH_QUERIES } from '../../bench/scenarios/search';
import { parseQuery } from '../../lib/search/query';

/** No BENCH_* variables: the defaults and flags alone. */
const NO_ENV = {} as NodeJS.ProcessEnv;

describe('the search bench', () => {
  it('runs only when asked for by name, since generating its archive takes minutes', () => {
    expect(selected(parseOptions([], NO_ENV), 'search')).toBe(false);
    expect(selected(parseOptions([], NO_ENV), 'guard')).toBe(true);
    expect(selected(parseOptions(['--only', 'search'], NO_ENV), 'search')).toBe(true);
    expect(parseOptions(['--only', 'search', '--search-meetings', '5000'], NO_ENV).searchMeetings).toBe(5000);
  });

  it('generates minutes of about 3 KB each, the same text on every run', () => {
    const texts = (seed: number) => [...archiveBatches(60, 6, 25, seed)].flat().map((m) => m.body);
    const first = texts(7);
    expect(first).toHaveLength(60);
    for (const body of first) {
      expect(Buffer.byteLength(body)).toBeGreaterThan(2500);
      expect(Buffer.byteLength(body)).toBeLessThan(3600);
      expect(body).toMatch(/^ĐẢNG BỘ XÃ ĐÔNG HƯNG\nCHI BỘ /);
    }
    expect(texts(7)).toEqual(first);
    expect(texts(8)).not.toEqual(first);
  });

  it('spreads the archive over cells, months and the meeting states', () => {
    const meetings = [...archiveBatches(240, 10, 100)].flat();
    expect(new Set(meetings.map((m) => m.cellIndex)).size).toBe(10);
    expect(meetings[0]!.startsAt.slice(0, 7)).toBe('2026-11');
    expect(meetings.at(-1)!.startsAt.slice(0, 7)).toBe('2024-12');
    expect(new Set(meetings.map((m) => m.state))).toEqual(new Set(['in_progress', 'closed', 'approved']));
  });

  it('asks twenty queries the parser accepts', () => {
    expect(SEARCH_QUERIES).toHaveLength(20);
    for (const spec of SEARCH_QUERIES) expect(parseQuery(spec.q).ok, spec.q).toBe(true);
  });
});
