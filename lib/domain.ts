/**
 * Domain vocabulary shared by the server and the browser. Keys are stable
 * identifiers stored in the database; labels live in messages/.
 */

export const MEMBER_ROLES = ['secretary', 'deputy_secretary', 'committee_member', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['full', 'probationary', 'exempted', 'attached'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const MEETING_KINDS = ['regular', 'thematic', 'combined', 'committee', 'extraordinary', 'generic'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * scheduled → in progress → closed → approved; or scheduled → not held (a
 * meeting cancelled or postponed keeps its row and its reason, so a missing
 * month is a recorded fact, not a gap).
 */
export const MEETING_STATES = ['scheduled', 'in_progress', 'closed', 'approved', 'not_held'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Why a scheduled meeting did not take place. */
export const NOT_HELD_REASONS = ['postponed', 'cancelled'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

/** States after which a meeting's record no longer changes (corrections are amendments). */
export const SETTLED_STATES = ['approved', 'not_held'] as const satisfies readonly MeetingState[];

export function isSettled(state: MeetingState): boolean {
  return (SETTLED_STATES as readonly MeetingState[]).includes(state);
}

/** thường / mật: secret meetings warn and restrict export. */
export const MEETING_CLASSIFICATIONS = ['normal', 'secret'] as const;
export type MeetingClassification = (typeof MEETING_CLASSIFICATIONS)[number];

export type OrganisationKind = 'committee' | 'cell';

/** Roles allowed to manage a cell's members and meetings. */
export const CELL_MANAGER_ROLES: readonly MemberRole[] = ['secretary', 'deputy_secretary'];

/** The cell committee (chi ủy): who meets at its own meetings (họp chi ủy). */
export const CELL_COMMITTEE_ROLES: readonly MemberRole[] = ['secretary', 'deputy_secretary', 'committee_member'];

/** The Tiptap field (Y.XmlFragment name) that holds the minutes inside a meeting's Y.Doc. */
export const MINUTES_FIELD = 'minutes';

/** What a user may do with a live document. */
export type DocumentAccess = 'edit' | 'read' | 'none';
