'use client';

import { useMemo } from 'react';
import type { FactData } from '../../lib/minutes/facts';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { useAttendance } from './use-attendance';
import { useLiveSession } from './use-live-state';

/** What the facts of the minutes are drawn from, live: the session's mirror of the meeting, its members and attendance. */
export function useFactData(): FactData {
  const { view } = useLiveMeeting();
  const { timeZone } = useI18n();
  const session = useLiveSession();
  const { marks, counts } = useAttendance();
  return useMemo(() => {
    const person = (id: string | null | undefined) => view.members.find((m) => m.userId === id);
    const chair = person(session.chairId ?? view.chairId);
    const secretary = person(session.secretaryId ?? view.secretaryId);
    const presenter = person(session.presenterId);
    return {
      timeZone,
      scheduledStart: view.startsAt,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      chair: chair ? { name: chair.name, role: chair.role } : null,
      secretary: secretary ? { name: secretary.name } : null,
      presenter: presenter ? { name: presenter.name } : null,
      attendance: marks.size > 0 ? counts : null,
    };
  }, [view, timeZone, session, marks, counts]);
}
