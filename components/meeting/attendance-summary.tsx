'use client';

import type { AttendanceEntry } from '../../lib/meeting-doc/layout';
import type { MeetingMember } from '../../lib/meeting-view';
import { absenceLine } from '../../lib/minutes/absences';
import type { AttendanceCounts } from '../../lib/rules/attendance';
import { formatDecimal } from '../../lib/format';
import { useI18n } from '../i18n-provider';

/**
 * The attendance report as the minutes state it: totals, who is absent with
 * their reasons, who is absent without one, and the rate. Used by the panel
 * and by the attendance block inside the minutes.
 */
export function AttendanceSummary({
  counts,
  marks,
  members,
  testId,
}: {
  counts: AttendanceCounts;
  marks: ReadonlyMap<string, AttendanceEntry>;
  members: readonly MeetingMember[];
  testId: string;
}) {
  const { t, locale } = useI18n();
  const withReason = members.filter(
    (m) => marks.get(m.userId)?.status === 'absent_with_reason' && m.status !== 'exempted',
  );
  const withoutReason = members.filter(
    (m) => marks.get(m.userId)?.status === 'absent_without_reason' && m.status !== 'exempted',
  );
  const rate = formatDecimal(Math.round(counts.rate * 1000) / 10, locale);
  return (
    <div
      className="attendance-summary"
      data-testid={testId}
      data-total={counts.total}
      data-exempted={counts.exempted}
      data-expected={counts.expected}
      data-present={counts.present}
      data-late={counts.late}
      data-absent-with-reason={counts.absentWithReason}
      data-absent-without-reason={counts.absentWithoutReason}
      data-unmarked={counts.unmarked}
    >
      <ul className="count-list">
        <li>{t('attendance.counts.total', { count: counts.total })}</li>
        <li>{t('attendance.counts.exempted', { count: counts.exempted })}</li>
        <li>{t('attendance.counts.expected', { count: counts.expected })}</li>
        <li>
          {counts.late > 0
            ? t('attendance.counts.presentWithLate', { count: counts.present, late: counts.late })
            : t('attendance.counts.present', { count: counts.present })}
        </li>
        <li data-testid="attendance-absent-with-reason">
          {absenceLine(
            t,
            'withReason',
            counts.absentWithReason,
            withReason.map((m) => ({ name: m.name, reason: marks.get(m.userId)?.reason })),
          )}
        </li>
        <li data-testid="attendance-absent-without-reason">
          {absenceLine(
            t,
            'withoutReason',
            counts.absentWithoutReason,
            withoutReason.map((m) => ({ name: m.name })),
          )}
        </li>
        {counts.unmarked > 0 && (
          <li className="muted">{t('attendance.counts.unmarked', { count: counts.unmarked })}</li>
        )}
        <li>
          <strong>{t('attendance.counts.rate', { rate })}</strong>
        </li>
      </ul>
    </div>
  );
}
