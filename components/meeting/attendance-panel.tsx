'use client';

import dynamic from 'next/dynamic';
import { useI18n } from '../i18n-provider';
import { AttendanceRow } from './attendance-row';
import { AttendanceSummary } from './attendance-summary';
import { useLiveMeeting } from './live-meeting-provider';
import { PartLoadBoundary } from './part-load-boundary';
import { useAttendance } from './use-attendance';
import { useMeetingStatus } from './use-meeting-status';

// Only the minutes-taker and the chair change marks: the controls are loaded for them alone (and
// server-rendered when the page is), so a member who reads the roll call never downloads them. Until
// they arrive, the roll call shows read-only.
const AttendanceMarking = dynamic(() => import('./attendance-marking').then((m) => m.AttendanceMarking), {
  loading: AttendanceList,
});

/**
 * Roll call: every member with their mark, live for everyone, marked by the
 * minutes-taker or the chair. Members absent several meetings in a row are
 * flagged so the cell can follow up with them.
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
      {record ? (
        <PartLoadBoundary>
          <AttendanceMarking />
        </PartLoadBoundary>
      ) : (
        <AttendanceList />
      )}
    </section>
  );
}

/** The roll call as members read it: each member with their mark. */
function AttendanceList() {
  const { view } = useLiveMeeting();
  const { marks } = useAttendance();
  return (
    <ul className="plain-list attendance-list">
      {view.members.map((member) => (
        <AttendanceRow key={member.userId} member={member} mark={marks.get(member.userId)} />
      ))}
    </ul>
  );
}
