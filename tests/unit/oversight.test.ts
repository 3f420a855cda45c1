import { describe, expect, it } from 'vitest';
import {
  attendanceRate,
  defaultPeriod,
  monthlyTotals,
  monthsOf,
  oversightCsv,
  parsePeriod,
  wasShort,
  type OversightCell,
  type OversightMeeting,
} from '../../lib/oversight';

const meeting = (overrides: Partial<OversightMeeting> = {}): OversightMeeting => ({
  id: 'm',
  title: 'Sinh hoạt chi bộ tháng 1',
  kind: 'regular',
  state: 'approved',
  durationMinutes: 95,
  minimumMinutes: 90,
  present: 9,
  expected: 10,
  absentWithoutReason: 1,
  notHeld: null,
  ...overrides,
});

describe('the period of the overview', () => {
  it('is the twelve months up to this one unless the address says otherwise', () => {
    expect(defaultPeriod('2026-11-30')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(parsePeriod({}, '2026-11-30')).toEqual({ period: { from: '2025-12', to: '2026-11' }, error: null });
    expect(parsePeriod({ from: '2026-01', to: '2026-06' }, '2026-11-30')).toEqual({
      period: { from: '2026-01', to: '2026-06' },
      error: null,
    });
    expect(parsePeriod({ from: '2025-03' }, '2026-11-30').period).toEqual({ from: '2025-03', to: '2026-02' });
    expect(parsePeriod({ to: '2026-03' }, '2026-11-30').period).toEqual({ from: '2025-04', to: '2026-03' });
  });

  it('names what is wrong with a period and shows the default one instead', () => {
    const fallback = { from: '2025-12', to: '2026-11' };
    expect(parsePeriod({ from: '2026-13' }, '2026-11-30')).toEqual({ period: fallback, error: 'from' });
    expect(parsePeriod({ to: '26-01' }, '2026-11-30')).toEqual({ period: fallback, error: 'to' });
    expect(parsePeriod({ from: '2026-06', to: '2026-01' }, '2026-11-30')).toEqual({ period: fallback, error: 'order' });
    expect(parsePeriod({ from: '2020-01', to: '2026-01' }, '2026-11-30')).toEqual({
      period: fallback,
      error: 'length',
    });
  });

  it('lists its months across a new year', () => {
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the figures of the overview', () => {
  it('counts a meeting short only against a minimum that applies to its kind', () => {
    expect(wasShort(meeting({ durationMinutes: 80 }))).toBe(true);
    expect(wasShort(meeting({ durationMinutes: 90 }))).toBe(false);
    expect(wasShort(meeting({ kind: 'thematic', minimumMinutes: 0, durationMinutes: 40 }))).toBe(false);
    expect(wasShort(meeting({ durationMinutes: null }))).toBe(false);
  });

  it('measures attendance over the meetings held, never above everyone', () => {
    expect(attendanceRate([meeting(), meeting({ present: 10, expected: 10 })])).toBeCloseTo(19 / 20);
    // An exempted member who came counts as present, but the rate stays within 100%.
    expect(attendanceRate([meeting({ present: 11, expected: 10 })])).toBe(1);
    expect(attendanceRate([meeting({ state: 'not_held', present: 0 })])).toBeNull();
    expect(attendanceRate([])).toBeNull();
  });

  it('totals each month across the cells', () => {
    const cells: OversightCell[] = [
      {
        cellId: 'a',
        cellName: 'A',
        probationary: 0,
        overdueTasks: 0,
        months: { '2026-01': [meeting()], '2026-02': [] },
      },
      {
        cellId: 'b',
        cellName: 'B',
        probationary: 1,
        overdueTasks: 2,
        months: { '2026-01': [meeting({ present: 5, expected: 10 })], '2026-02': [meeting({ state: 'not_held' })] },
      },
    ];
    expect(monthlyTotals(cells, ['2026-01', '2026-02'])).toEqual([
      { month: '2026-01', cellsMet: 2, cells: 2, attendanceRate: 14 / 20 },
      { month: '2026-02', cellsMet: 0, cells: 2, attendanceRate: null },
    ]);
  });
});

describe('the overview as a CSV file', () => {
  const labels = {
    headings: [
      'Chi bộ',
      'Tháng',
      'Cuộc họp',
      'Loại',
      'Tình trạng',
      'Phút',
      'Tối thiểu',
      'Có mặt',
      'Phải dự',
      '%',
      'Vắng',
      'Không họp',
      'Dự bị',
      'Quá hạn',
    ],
    kind: (k: string) => `kind:${k}`,
    state: (s: string) => `state:${s}`,
    notHeld: (r: string) => `reason:${r}`,
    none: 'Không có cuộc họp',
  };

  it('writes a line per cell, month and meeting, in UTF-8 with a byte-order mark', () => {
    const csv = oversightCsv(
      [
        {
          cellId: 'a',
          cellName: 'Chi bộ Khu phố 3',
          probationary: 1,
          overdueTasks: 2,
          months: {
            '2026-01': [meeting()],
            '2026-02': [],
            '2026-03': [
              meeting({
                state: 'not_held',
                durationMinutes: null,
                notHeld: { reason: 'postponed', note: 'Bão, hoãn' },
              }),
            ],
          },
        },
      ],
      ['2026-01', '2026-02', '2026-03'],
      labels,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Chi bộ,Tháng,Cuộc họp,Loại,Tình trạng,Phút,Tối thiểu,Có mặt,Phải dự,%,Vắng,Không họp,Dự bị,Quá hạn',
      'Chi bộ Khu phố 3,2026-01,Sinh hoạt chi bộ tháng 1,kind:regular,state:approved,95,90,9,10,90,1,,1,2',
      'Chi bộ Khu phố 3,2026-02,,,Không có cuộc họp,,,,,,,,1,2',
      'Chi bộ Khu phố 3,2026-03,Sinh hoạt chi bộ tháng 1,kind:regular,state:not_held,,90,,,,,"reason:postponed: Bão, hoãn",1,2',
      '',
    ]);
  });

  it('quotes what would break a line, and keeps a formula as text', () => {
    const csv = oversightCsv(
      [
        {
          cellId: 'a',
          cellName: '=HYPERLINK("http://x")',
          probationary: 0,
          overdueTasks: 0,
          months: { '2026-01': [meeting({ title: 'Họp "bất thường"\nlần 2' })] },
        },
      ],
      ['2026-01'],
      labels,
    );
    const line = csv.split('\r\n')[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""http://x"")",2026-01,"Họp ""bất thường""\nlần 2"`)).toBe(true);
  });
});
