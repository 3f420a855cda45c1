import type { MeetingKind, MeetingState, MemberRole, MemberStatus } from './domain';
import type { VoteRule } from './rules/votes';

/**
 * The narrow picture of a meeting the page hands to the live panels: who the
 * members are, what the signed-in user may do, and the cell's rules. Live
 * state (attendance, votes, session) comes from the document, not from here.
 */
export interface MeetingMember {
  userId: string;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  /** Consecutive absences when the cell's threshold is reached; null otherwise. */
  absenceStreak: number | null;
}

export interface MeetingCaps {
  manage: boolean;
  chair: boolean;
  record: boolean;
  participate: boolean;
  amend: boolean;
}

export interface MeetingAcknowledgment {
  role: 'chair' | 'secretary';
  userId: string;
  name: string;
  at: string;
}

export interface MeetingView {
  id: string;
  kind: MeetingKind;
  /** As stored when the page was rendered; the live session may be ahead of it. */
  state: MeetingState;
  chairId: string | null;
  secretaryId: string | null;
  minimumMinutes: number;
  caps: MeetingCaps;
  me: { id: string; name: string };
  members: MeetingMember[];
  voteRule: VoteRule;
  acknowledgments: MeetingAcknowledgment[];
  sealed: boolean;
}
