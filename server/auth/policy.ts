import { CELL_MANAGER_ROLES, type DocumentAccess, type MeetingState, type MemberRole, type MemberStatus } from '../../lib/domain';

/**
 * The one permission policy. Pages, route handlers, server actions, the CLI
 * and the collaboration server all ask these functions; none decides alone.
 */
export interface Subject {
  userId: string;
  isAdmin: boolean;
  memberships: readonly { cellId: string; role: MemberRole; status: MemberStatus }[];
}

export interface MeetingResource {
  cellId: string;
  state: MeetingState;
}

function membershipIn(subject: Subject, cellId: string) {
  return subject.memberships.find((m) => m.cellId === cellId);
}

/** May the subject see the cell, its members and its meetings? */
export function canViewCell(subject: Subject, cellId: string): boolean {
  return subject.isAdmin || membershipIn(subject, cellId) !== undefined;
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
  if (access === 'edit' && meeting.state === 'approved') access = 'read';
  return access;
}
