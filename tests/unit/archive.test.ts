import { describe, expect, it } from 'vitest';
import { archiveYears, groupByYearAndMonth, parseArchiveFilters, type ArchiveEntry } from '../../lib/archive';

const entry = (id: string, startsAt: string, cellName = 'Khu phố 1'): ArchiveEntry => ({
  id,
  title: id,
  kind: 'regular',
  state: 'approved',
  classification: 'normal',
  startsAt,
  place: '',
  cellId: cellName,
  cellName,
  committeeName: null,
  approvedAt: null,
  contentHash: null,
  notHeld: null,
});

describe('the archive filters read from the address', () => {
  it('reads every filter, and an empty field as "any"', () => {
    expect(
      parseArchiveFilters({
        cell: '0b7c3f2e-5a43-4a7e-9d0e-6f3e2b1c9a10',
        year: '2026',
        kind: 'thematic',
        state: 'approved',
        classification: 'secret',
      }),
    ).toEqual({
      filters: {
        cellId: '0b7c3f2e-5a43-4a7e-9d0e-6f3e2b1c9a10',
        year: 2026,
        kind: 'thematic',
        state: 'approved',
        classification: 'secret',
      },
      errors: [],
    });
    expect(parseArchiveFilters({ cell: '', year: ' ', kind: undefined })).toEqual({ filters: {}, errors: [] });
  });

  it('names each filter it cannot read instead of dropping it silently', () => {
    expect(
      parseArchiveFilters({ cell: "1' OR 1=1", year: '26', kind: 'party', state: 'done', classification: 'top' }),
    ).toEqual({ filters: {}, errors: ['cellId', 'year', 'kind', 'state', 'classification'] });
    expect(parseArchiveFilters({ year: '12026' }).errors).toEqual(['year']);
  });

  it('takes the first of a repeated parameter', () => {
    expect(parseArchiveFilters({ year: ['2025', '2026'] }).filters).toEqual({ year: 2025 });
  });
});

describe('the archive by year and month', () => {
  it('puts the latest year, month and meeting first, and cells in Vietnamese order within a day', () => {
    const groups = groupByYearAndMonth([
      entry('oct', '2025-10-04T19:30'),
      entry('dec-b', '2026-12-05T19:30', 'Khu phố Đông'),
      entry('nov', '2026-11-07T19:30'),
      entry('dec-a', '2026-12-05T19:30', 'Khu phố Bắc'),
      entry('dec-late', '2026-12-20T08:00'),
    ]);
    expect(
      groups.map((y) => ({ year: y.year, months: y.months.map((m) => [m.month, m.entries.map((e) => e.id)]) })),
    ).toEqual([
      {
        year: 2026,
        months: [
          [12, ['dec-late', 'dec-a', 'dec-b']],
          [11, ['nov']],
        ],
      },
      { year: 2025, months: [[10, ['oct']]] },
    ]);
    expect(
      archiveYears([entry('a', '2024-01-01T08:00'), entry('b', '2026-01-01T08:00'), entry('c', '2024-05-01T08:00')]),
    ).toEqual([2026, 2024]);
  });
});
