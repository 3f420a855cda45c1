'use client';

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
 * Where the meeting stands and what the signed-in user may do in it now. The
 * page's capabilities are combined with the live session, so a member who is
 * appointed minutes-taker gets the controls at once, without a reload; the
 * server checks every operation again either way.
 */
export function useMeetingStatus(): MeetingStatus {
  const { view, locked } = useLiveMeeting();
  const session = useLiveSession();
  const started = Boolean(session.startedAt) || view.state !== 'scheduled';
  const ended = Boolean(session.endedAt) || view.state === 'closed' || view.state === 'approved';
  const chairId = session.chairId ?? view.chairId;
  const secretaryId = session.secretaryId ?? view.secretaryId;
  const open = !locked;
  const chair = open && (view.caps.chair || chairId === view.me.id);
  const record = open && (view.caps.record || chair || secretaryId === view.me.id);
  return {
    started,
    ended,
    locked,
    chairId,
    secretaryId,
    chair,
    record,
    manage: open && view.caps.manage,
    participate: open && view.caps.participate,
  };
}
