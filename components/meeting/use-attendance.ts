'use client';

import { useMemo } from 'react';
import { meetingDoc, type AttendanceEntry } from '../../lib/meeting-doc/layout';
import { countAttendance, type AttendanceCounts } from '../../lib/rules/attendance';
import { useLiveMeeting } from './live-meeting-provider';
import { useLiveMap } from './use-live-state';

/** The live attendance marks and the figures derived from them (never typed by hand). */
export function useAttendance(): { marks: ReadonlyMap<string, AttendanceEntry>; counts: AttendanceCounts } {
  const { view } = useLiveMeeting();
  const marks = useLiveMap(meetingDoc.attendance);
  const counts = useMemo(
    () =>
      countAttendance(
        view.members.map((m) => ({ userId: m.userId, status: m.status })),
        marks,
      ),
    [view.members, marks],
  );
  return { marks, counts };
}
