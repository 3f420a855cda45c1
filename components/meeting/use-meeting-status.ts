'use client';

import { useMemo } from 'react';
import { meetingPermissions } from '../../lib/policy';
import { useLiveMeeting } from './live-meeting-provider';
import { useLiveSession } from './use-live-state';

export interface MeetingStatus {
  started: boolean;
  ended: boolean;
  locked: boolean;
  chairId: string | null;
  secretaryId: string | null;
  /** Give the floor, open and close votes, start and end. */
  chair: boolean;
  /** Mark attendance, enter counts, choose the section, record the read-back. */
  record: boolean;
  manage: boolean;
  participate: boolean;
}

/**
 * Where the meeting stands and what the signed-in user may do in it now: the
 * same policy the server asks, given the meeting's live state and roles (the
 * document mirrors them from the meetings row), so a member appointed
 * minutes-taker gets the controls at once, without a reload. The server asks
 * again for every operation either way.
 */
export function useMeetingStatus(): MeetingStatus {
  const { view, locked } = useLiveMeeting();
  const session = useLiveSession();
  return useMemo(() => {
    const state = locked ? 'approved' : (session.state ?? view.state);
    const chairId = session.chairId ?? view.chairId;
    const secretaryId = session.secretaryId ?? view.secretaryId;
    const permissions = meetingPermissions(view.subject, { ...view.resource, state, chairId, secretaryId });
    return {
      started: Boolean(session.startedAt) || state !== 'scheduled',
      ended: Boolean(session.endedAt) || state === 'closed' || state === 'approved',
      locked,
      chairId,
      secretaryId,
      chair: permissions.chair,
      record: permissions.record,
      manage: permissions.manage,
      participate: permissions.participate,
    };
  }, [view, locked, session]);
}
