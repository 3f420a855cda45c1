import { describe, expect, it } from 'vitest';
import { absenceStreaks, countAttendance, type AttendanceMark } from '../../lib/rules/attendance';
import { canonicalJson } from '../../lib/rules/canonical';
import { checkDuration } from '../../lib/rules/duration';
import { isOverdue, selectCarryOver } from '../../lib/rules/tasks';
import { checkVoteCounts, voteOutcome } from '../../lib/rules/votes';

const members = [
  { userId: 'a', status: 'full' as const },
  { userId: 'b', status: 'full' as const },
  { userId: 'c', status: 'probationary' as const },
  { userId: 'd', status: 'exempted' as const },
  { userId: 'e', status: 'attached' as const },
  { userId: 'f', status: 'full' as const },
];
const marks = (entries: [string, AttendanceMark['status'], string?][]) =>
  new Map(entries.map(([id, status, reason]) => [id, { status, reason }]));

describe('attendance counts', () => {
  it('derives expected, present, absent and the rate from the marks, never from typing', () => {
    const counts = countAttendance(
      members,
      marks([
        ['a', 'present'],
        ['b', 'late'],
        ['c', 'absent_with_reason', 'ốm'],
        ['e', 'present'],
        ['f', 'absent_without_reason'],
      ]),
    );
    expect(counts).toMatchObject({
      total: 6,
      exempted: 1,
      expected: 5,
      present: 3,
      late: 1,
      absentWithReason: 1,
      absentWithoutReason: 1,
      unmarked: 0,
      fullPresent: 2,
      fullMembers: 3,
    });
    expect(counts.rate).toBeCloseTo(0.6);
  });

  it('does not expect exempted members but counts them present when they come', () => {
    const counts = countAttendance(members, marks([['d', 'present']]));
    expect(counts.expected).toBe(5);
    expect(counts.present).toBe(1);
    expect(counts.unmarked).toBe(5);
  });

  it('reports a zero rate when nobody is expected', () => {
    expect(countAttendance([{ userId: 'x', status: 'exempted' }], new Map()).rate).toBe(0);
  });
});

describe('absence streaks', () => {
  const history = [
    marks([
      ['a', 'absent_without_reason'],
      ['b', 'absent_with_reason'],
      ['c', 'present'],
    ]),
    marks([
      ['a', 'absent_with_reason'],
      ['b', 'present'],
      ['c', 'absent_without_reason'],
    ]),
    marks([
      ['a', 'absent_without_reason'],
      ['b', 'absent_with_reason'],
      ['c', 'absent_without_reason'],
    ]),
  ];

  it('flags members absent from each of their last meetings, most recent first', () => {
    expect(Object.fromEntries(absenceStreaks(history, 3))).toEqual({ a: 3 });
  });

  it('breaks a streak at the first meeting the member attended', () => {
    expect(Object.fromEntries(absenceStreaks(history, 1))).toEqual({ a: 3, b: 1 });
  });
});

describe('vote outcome', () => {
  const numbers = { present: 8, fullMembers: 10, fullPresent: 7 };

  it('passes with more than half of those present by default', () => {
    expect(
      voteOutcome({ for: 5, against: 3, other: 0 }, { base: 'present', threshold: 'more_than_half' }, numbers),
    ).toEqual({
      base: 8,
      percent: 62.5,
      passed: true,
    });
    expect(
      voteOutcome({ for: 4, against: 4, other: 0 }, { base: 'present', threshold: 'more_than_half' }, numbers).passed,
    ).toBe(false);
  });

  it('measures against all full members of the cell when configured', () => {
    const outcome = voteOutcome(
      { for: 5, against: 0, other: 3 },
      { base: 'full_members', threshold: 'more_than_half' },
      numbers,
    );
    expect(outcome).toEqual({ base: 10, percent: 50, passed: false });
  });

  it('measures against full members present when configured', () => {
    expect(
      voteOutcome(
        { for: 4, against: 0, other: 0 },
        { base: 'present_full_members', threshold: 'more_than_half' },
        numbers,
      ),
    ).toEqual({
      base: 7,
      percent: 57.1,
      passed: true,
    });
  });

  it('requires at least two thirds when configured, without rounding at the edge', () => {
    const rule = { base: 'present' as const, threshold: 'at_least_two_thirds' as const };
    expect(voteOutcome({ for: 2, against: 1, other: 0 }, rule, { ...numbers, present: 3 }).passed).toBe(true);
    expect(voteOutcome({ for: 5, against: 3, other: 0 }, rule, numbers).passed).toBe(false);
    expect(voteOutcome({ for: 6, against: 2, other: 0 }, rule, numbers).passed).toBe(true);
  });

  it('never passes against an empty base', () => {
    expect(
      voteOutcome(
        { for: 0, against: 0, other: 0 },
        { base: 'present', threshold: 'more_than_half' },
        { ...numbers, present: 0 },
      ).passed,
    ).toBe(false);
  });

  it('refuses counts that do not add up', () => {
    expect(checkVoteCounts({ for: 5, against: 3, other: 1 }, 8)).toBe('vote_counts_exceed_present');
    expect(checkVoteCounts({ for: -1, against: 0, other: 0 }, 8)).toBe('vote_counts_not_whole');
    expect(checkVoteCounts({ for: 1.5, against: 0, other: 0 }, 8)).toBe('vote_counts_not_whole');
    expect(checkVoteCounts({ for: 0, against: 0, other: 0 }, 8)).toBe('vote_counts_empty');
    expect(checkVoteCounts({ for: 5, against: 2, other: 1 }, 8)).toBeNull();
  });
});

describe('carry-over selection', () => {
  const task = (
    id: string,
    meetingId: string,
    meetingStartsAt: string,
    status: 'not_started' | 'done' | 'in_progress' | 'carried_over',
    dueDate: string | null = null,
  ) => ({
    id,
    meetingId,
    meetingStartsAt,
    status,
    dueDate,
  });

  it('takes unfinished tasks of earlier meetings, oldest meeting first, then by due date', () => {
    const tasks = [
      task('t1', 'm2', '2026-11-05T19:30', 'in_progress', '2026-12-01'),
      task('t2', 'm1', '2026-10-05T19:30', 'carried_over'),
      task('t3', 'm2', '2026-11-05T19:30', 'done'),
      task('t4', 'm2', '2026-11-05T19:30', 'not_started', '2026-11-20'),
      task('t5', 'm3', '2026-12-05T19:30', 'not_started'),
      task('t6', 'm4', '2027-01-05T19:30', 'not_started'),
    ];
    expect(selectCarryOver(tasks, { id: 'm3', startsAt: '2026-12-05T19:30' }).map((t) => t.id)).toEqual([
      't2',
      't4',
      't1',
    ]);
  });

  it('flags unfinished tasks past their due date as overdue', () => {
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-11-01' }, '2026-11-27')).toBe(true);
    expect(isOverdue({ status: 'done', dueDate: '2026-11-01' }, '2026-11-27')).toBe(false);
    expect(isOverdue({ status: 'not_started', dueDate: null }, '2026-11-27')).toBe(false);
    expect(isOverdue({ status: 'not_started', dueDate: '2026-11-27' }, '2026-11-27')).toBe(false);
  });
});

describe('duration minimums', () => {
  it('asks 90 minutes of a regular meeting and 120 of a combined one', () => {
    expect(checkDuration('regular', '2026-12-05T12:30:00.000Z', '2026-12-05T13:50:00.000Z')).toEqual({
      elapsedMinutes: 80,
      minimumMinutes: 90,
      shortBy: 10,
      met: false,
    });
    expect(checkDuration('regular', '2026-12-05T12:30:00.000Z', '2026-12-05T14:00:00.000Z').met).toBe(true);
    expect(checkDuration('combined', '2026-12-05T12:30:00.000Z', '2026-12-05T14:00:00.000Z').shortBy).toBe(30);
    expect(checkDuration('extraordinary', '2026-12-05T12:30:00.000Z', '2026-12-05T12:40:00.000Z').met).toBe(true);
  });
});

describe('content hashing', () => {
  it('gives the same canonical text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 'ồ' }], c: undefined })).toBe(
      canonicalJson({ a: [{ x: 'ồ', y: 2 }], b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('refuses numbers JSON cannot represent', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});
