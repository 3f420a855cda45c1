import {
  CELL_MANAGER_ROLES,
  type DocumentAccess,
  type MeetingState,
  type MemberRole,
  type MemberStatus,
} from '../../lib/domain';

/**
 * The one permission policy. Pages, route handlers, server actions, the CLI
 * and the collaboration server all ask these functions; none decides alone.
 */
export interface Subject {
  userId: string;
  isAdmin: boolean;
  memberships: readonly { cellId: string; role: MemberRole; status: MemberStatus }[];
  /** Cells whose approved minutes this user oversees (cấp ủy viên phụ trách). */
  oversees?: readonly string[];
}

export interface MeetingResource {
  cellId: string;
  state: MeetingState;
  chairId?: string | null;
  secretaryId?: string | null;
}

function oversees(subject: Subject, cellId: string): boolean {
  return subject.oversees?.includes(cellId) ?? false;
}

function membershipIn(subject: Subject, cellId: string) {
  return subject.memberships.find((m) => m.cellId === cellId);
}

/** May the subject see the cell, its members and its meetings? */
export function canViewCell(subject: Subject, cellId: string): boolean {
  return subject.isAdmin || membershipIn(subject, cellId) !== undefined || oversees(subject, cellId);
}

/** May the subject add members, issue invites and create meetings in the cell? */
export function canManageCell(subject: Subject, cellId: string): boolean {
  if (subject.isAdmin) return true;
  const membership = membershipIn(subject, cellId);
  return membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
}

/** May the subject create organisations (đảng bộ, chi bộ)? */
export function canManageOrganisations(subject: Subject): boolean {
  return subject.isAdmin;
}

/**
 * Access to a meeting's live document. Members who take part edit; members
 * exempted from activities read; approved minutes are read-only for everyone.
 */
export function documentAccess(subject: Subject, meeting: MeetingResource): DocumentAccess {
  const membership = membershipIn(subject, meeting.cellId);
  let access: DocumentAccess = 'none';
  if (subject.isAdmin) access = 'edit';
  else if (membership) access = membership.status === 'exempted' ? 'read' : 'edit';
  // Overseers read approved minutes only: drafts belong to the cell until it approves them.
  else if (oversees(subject, meeting.cellId) && meeting.state === 'approved') access = 'read';
  if (access === 'edit' && meeting.state === 'approved') access = 'read';
  return access;
}

/** What a user may do in a meeting, beyond reading and typing in the minutes. */
export interface MeetingCapabilities {
  /** Set chair and minutes-taker, start and end the meeting, prepare it. */
  manage: boolean;
  /** Chair: give the floor, open and close votes, set the current section. */
  chair: boolean;
  /** Minutes-taker: mark attendance, enter vote counts, record the read-back. */
  record: boolean;
  /** Take part: ask for the floor, confirm one's own vote. */
  participate: boolean;
  /** Append amendments to approved minutes. */
  amend: boolean;
}

export function meetingCapabilities(subject: Subject, meeting: MeetingResource): MeetingCapabilities {
  const access = documentAccess(subject, meeting);
  const open = meeting.state !== 'approved';
  const manage = canManageCell(subject, meeting.cellId);
  const isChair = meeting.chairId === subject.userId;
  const isSecretary = meeting.secretaryId === subject.userId;
  const chair = open && (manage || isChair);
  const membership = membershipIn(subject, meeting.cellId);
  return {
    manage: open && manage,
    chair,
    record: open && (chair || isSecretary),
    participate: open && access === 'edit' && membership !== undefined,
    amend: meeting.state === 'approved' && (manage || isChair || isSecretary),
  };
}
