import type { MeetingClassification, MeetingKind, MeetingState, MemberRole, MemberStatus } from './domain';
import type { MeetingPermissions, MeetingResource, Subject } from './policy';
import type { TaskStatus } from './rules/tasks';
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
  /** The scheduled start as typed, local "YYYY-MM-DDTHH:mm" in the organisation's time zone. */
  startsAt: string;
  chairId: string | null;
  secretaryId: string | null;
  classification: MeetingClassification;
  minimumMinutes: number;
  /** What the policy granted when the page was rendered. */
  permissions: MeetingPermissions;
  /**
   * The signed-in user and the meeting as the policy sees them (only this
   * cell's membership), so the panels ask the same policy again when the live
   * roles or state change.
   */
  subject: Subject;
  resource: MeetingResource;
  me: { id: string; name: string };
  members: MeetingMember[];
  voteRule: VoteRule;
  acknowledgments: MeetingAcknowledgment[];
  sealed: boolean;
  /**
   * Sealed minutes: each task's status today, by task id (the minutes keep
   * the status it had when they were sealed). Empty before sealing.
   */
  taskStatuses: Record<string, { status: TaskStatus; dueDate: string | null }>;
}
