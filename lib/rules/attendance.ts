import type { MemberStatus } from '../domain';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent_with_reason', 'absent_without_reason'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AttendanceMark {
  status: AttendanceStatus;
  /** Required for absent_with_reason. */
  reason?: string | undefined;
}

export interface AttendanceMember {
  userId: string;
  status: MemberStatus;
}

export interface AttendanceCounts {
  /** Every member of the cell. */
  total: number;
  /** Members exempted from activities: listed, not expected. */
  exempted: number;
  /** Members expected to attend: total minus exempted. */
  expected: number;
  /** Present, late arrivals included; an exempted member who came counts as present too. */
  present: number;
  late: number;
  absentWithReason: number;
  absentWithoutReason: number;
  /** Expected members with no mark yet. */
  unmarked: number;
  /** present ÷ expected, 0–1 (0 when nobody is expected). */
  rate: number;
  /** Full members present: the base of some votes. */
  fullPresent: number;
  /** Full members of the cell (exempted excluded). */
  fullMembers: number;
}

/**
 * Attendance figures derived from the marks, never typed: DOMAIN.md's
 * rules — exempted members are listed but not expected; temporarily attached
 * members who attend count as present.
 */
export function countAttendance(
  members: readonly AttendanceMember[],
  marks: ReadonlyMap<string, AttendanceMark>,
): AttendanceCounts {
  let exempted = 0;
  let present = 0;
  let late = 0;
  let absentWithReason = 0;
  let absentWithoutReason = 0;
  let unmarked = 0;
  let fullPresent = 0;
  let fullMembers = 0;
  for (const member of members) {
    const mark = marks.get(member.userId);
    const isExempted = member.status === 'exempted';
    if (isExempted) exempted++;
    if (member.status === 'full') fullMembers++;
    const attended = mark?.status === 'present' || mark?.status === 'late';
    if (attended) {
      present++;
      if (mark.status === 'late') late++;
      if (member.status === 'full') fullPresent++;
      continue;
    }
    if (isExempted) continue;
    if (mark?.status === 'absent_with_reason') absentWithReason++;
    else if (mark?.status === 'absent_without_reason') absentWithoutReason++;
    else unmarked++;
  }
  const expected = members.length - exempted;
  return {
    total: members.length,
    exempted,
    expected,
    present,
    late,
    absentWithReason,
    absentWithoutReason,
    unmarked,
    rate: expected === 0 ? 0 : Math.min(1, present / expected),
    fullPresent,
    fullMembers,
  };
}

/** How many consecutive absences flag a member, by default. */
export const DEFAULT_ABSENCE_STREAK = 3;

/**
 * Members absent from each of their last `threshold` meetings (most recent
 * first in `history`). Exempted members and meetings without a mark for the
 * member do not break or extend a streak.
 */
export function absenceStreaks(
  history: readonly ReadonlyMap<string, AttendanceMark>[],
  threshold = DEFAULT_ABSENCE_STREAK,
): Map<string, number> {
  const streaks = new Map<string, number>();
  const broken = new Set<string>();
  for (const marks of history) {
    for (const [userId, mark] of marks) {
      if (broken.has(userId)) continue;
      const absent = mark.status === 'absent_with_reason' || mark.status === 'absent_without_reason';
      if (absent) streaks.set(userId, (streaks.get(userId) ?? 0) + 1);
      else broken.add(userId);
    }
  }
  for (const [userId, streak] of streaks) if (streak < threshold) streaks.delete(userId);
  return streaks;
}
