'use client';

import { NodeViewWrapper } from '@tiptap/react';
import { useI18n } from '../../i18n-provider';
import { AttendanceSummary } from '../../meeting/attendance-summary';
import { useLiveMeeting } from '../../meeting/live-meeting-provider';
import { useAttendance } from '../../meeting/use-attendance';

/** The attendance report inside the minutes, derived live from the roll call and the cell's member list. */
export function AttendanceBlockView() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { marks, counts } = useAttendance();
  return (
    <NodeViewWrapper className="minutes-attendance">
      <p className="minutes-block__title">{t('attendance.blockTitle')}</p>
      <AttendanceSummary counts={counts} marks={marks} members={view.members} testId="attendance-block" />
    </NodeViewWrapper>
  );
}
