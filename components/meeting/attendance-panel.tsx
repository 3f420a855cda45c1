'use client';

import { useI18n } from '../i18n-provider';
import { AttendanceRow } from './attendance-row';
import { AttendanceSummary } from './attendance-summary';
import { useLiveMeeting } from './live-meeting-provider';
import { useAttendance } from './use-attendance';
import { useMeetingStatus } from './use-meeting-status';

/**
 * Roll call: every member with their mark, live for everyone; the
 * minutes-taker and the chair mark. Members absent several meetings in a row
 * are flagged so the cell can follow up with them.
 */
export function AttendancePanel() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { record } = useMeetingStatus();
  const { marks, counts } = useAttendance();
  return (
    <section className="panel" aria-labelledby="attendance-heading" data-testid="attendance-panel">
      <h2 id="attendance-heading">{t('attendance.title')}</h2>
      <AttendanceSummary counts={counts} marks={marks} members={view.members} testId="attendance-counts" />
      <ul className="plain-list attendance-list">
        {view.members.map((member) => (
          <AttendanceRow
            key={member.userId}
            meetingId={view.id}
            member={member}
            mark={marks.get(member.userId)}
            canMark={record}
          />
        ))}
      </ul>
    </section>
  );
}
