import {
  CELL_COMMITTEE_ROLES,
  CELL_MANAGER_ROLES,
  isSettled,
  type DocumentAccess,
  type MeetingClassification,
  type MeetingKind,
  type MeetingState,
  type MemberRole,
  type MemberStatus,
} from './domain';
import type { ClientRoot } from './meeting-doc/write-rules';

/**
 * The one permission policy. Pages, server actions, route handlers, the
 * websocket, the CLI and the browser's panels ask these functions; nothing
 * else decides who may do what. Pure functions over plain data, so the
 * browser can ask the same questions the server asks (and the server asks
 * again, whatever the browser concluded).
 *
 * The decisions, in short (README "Who may do what" has the table):
 * - A cell's members see the cell; its secretary and deputy manage it;
 *   administrators manage organisations and every cell, but take part in no
 *   meeting they are not members of.
 * - Members who take part co-edit a meeting's minutes; exempted members read
 *   them. Committee meetings (họp chi ủy) belong to the cell committee and
 *   the members it invites; secret (mật) meetings are opened only by those
 *   who take part. Neither is shown to anyone else.
 * - Overseers read the approved minutes of the cells they oversee, and
 *   nothing before approval: drafts belong to the cell. A meeting recorded
 *   as not held is read like approved minutes: a fact, no longer edited.
 * - Approved minutes are read-only for everyone; corrections are amendments.
 */

export interface Membership {
  cellId: string;
  role: MemberRole;
  status: MemberStatus;
}

export interface Subject {
  userId: string;
  isAdmin: boolean;
  memberships: readonly Membership[];
  /** Cells whose approved minutes this user oversees (cấp ủy viên phụ trách). */
  oversees: readonly string[];
}

/** What the policy needs to know about a meeting. */
export interface MeetingResource {
  cellId: string;
  kind: MeetingKind;
  classification: MeetingClassification;
  state: MeetingState;
  chairId: string | null;
  secretaryId: string | null;
  /** Members the cell committee invited to one of its own meetings. */
  invitees: readonly string[];
}

/** Everything a user may do with one meeting. */
export interface MeetingPermissions {
  /** Open the meeting (page, live document, attachments): edit, read, or not even see it exists. */
  access: DocumentAccess;
  /** The root types of the live document this user may write. */
  writes: readonly ClientRoot[];
  /** Appoint chair and minutes-taker, prepare (agenda, checklist, invitations). */
  manage: boolean;
  /** Chair: start and end, give the floor, open and close votes. */
  chair: boolean;
  /** Keep the minutes: attendance, counts, current section, read-back. */
  record: boolean;
  /** Take part: ask for the floor, confirm one's own vote. */
  participate: boolean;
  /** Attach documents. */
  upload: boolean;
  /** Append amendments to approved minutes. */
  amend: boolean;
  /** Keep a copy on this device for offline work (IndexedDB and the page cache). */
  keepOffline: boolean;
}

const NOTHING: MeetingPermissions = {
  access: 'none',
  writes: [],
  manage: false,
  chair: false,
  record: false,
  participate: false,
  upload: false,
  amend: false,
  keepOffline: false,
};

function membershipIn(subject: Subject, cellId: string): Membership | undefined {
  return subject.memberships.find((m) => m.cellId === cellId);
}

const oversees = (subject: Subject, cellId: string) => subject.oversees.includes(cellId);

/** May the subject see the cell, its members and the meetings listed to them? */
export function canViewCell(subject: Subject, cellId: string): boolean {
  return subject.isAdmin || membershipIn(subject, cellId) !== undefined || oversees(subject, cellId);
}

/** May the subject add members, schedule meetings and set the cell's rules and overseers? */
export function canManageCell(subject: Subject, cellId: string): boolean {
  if (subject.isAdmin) return true;
  const membership = membershipIn(subject, cellId);
  return membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
}

/** May the subject create đảng bộ and chi bộ? */
export function canManageOrganisations(subject: Subject): boolean {
  return subject.isAdmin;
}

/** Whether only those who take part may know of the meeting at all. */
function restricted(meeting: MeetingResource): boolean {
  return meeting.kind === 'committee' || meeting.classification === 'secret';
}

/** Does the subject take part in the meeting (as opposed to reading it)? */
function takesPart(subject: Subject, meeting: MeetingResource): boolean {
  const membership = membershipIn(subject, meeting.cellId);
  if (!membership) return false;
  if (meeting.kind === 'committee')
    return CELL_COMMITTEE_ROLES.includes(membership.role) || meeting.invitees.includes(subject.userId);
  return membership.status !== 'exempted';
}

function accessTo(subject: Subject, meeting: MeetingResource): DocumentAccess {
  // Approved minutes, and a meeting recorded as not held, are records: read by those who may, edited by no one.
  const settled = isSettled(meeting.state);
  if (takesPart(subject, meeting)) return settled ? 'read' : 'edit';
  if (restricted(meeting)) return settled && oversees(subject, meeting.cellId) ? 'read' : 'none';
  if (membershipIn(subject, meeting.cellId) || subject.isAdmin) return 'read';
  return settled && oversees(subject, meeting.cellId) ? 'read' : 'none';
}

/** The whole answer for one user and one meeting. */
export function meetingPermissions(subject: Subject, meeting: MeetingResource): MeetingPermissions {
  const access = accessTo(subject, meeting);
  if (access === 'none') return NOTHING;
  const membership = membershipIn(subject, meeting.cellId);
  const live = access === 'edit';
  const manager = membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
  const isChair = meeting.chairId === subject.userId;
  const isSecretary = meeting.secretaryId === subject.userId;
  const manage = live && manager;
  const chair = live && (manager || isChair);
  const record = live && (chair || isSecretary);
  const approved = meeting.state === 'approved';
  return {
    access,
    writes: live ? (manage ? ['minutes', 'agenda'] : ['minutes']) : [],
    manage,
    chair,
    record,
    participate: live,
    upload: manage || record,
    amend: approved && membership !== undefined && (manager || isChair || isSecretary),
    // A secret meeting stays on a device only while the chair or the minutes-taker need it to keep writing.
    keepOffline: meeting.classification === 'normal' || (!approved && (isChair || isSecretary)),
  };
}

/**
 * May the subject give guidance (ý kiến chỉ đạo) on the meeting? Overseers
 * of the cell, on approved minutes: guidance answers a record, it does not
 * take part in writing it.
 */
export function canGiveGuidance(subject: Subject, meeting: MeetingResource): boolean {
  return meeting.state === 'approved' && oversees(subject, meeting.cellId);
}

/**
 * May the subject read the minutes' named versions and compare them? The
 * cell, whoever of it may open the meeting, at any time; those who oversee
 * it only once the minutes are approved: earlier versions are drafts that
 * belong to the cell until the record they led to is sealed.
 */
export function canReadVersions(subject: Subject, meeting: MeetingResource): boolean {
  if (accessTo(subject, meeting) === 'none') return false;
  if (subject.isAdmin || membershipIn(subject, meeting.cellId)) return true;
  return meeting.state === 'approved';
}

/** Is the meeting listed to the subject (meeting lists, task boards, reviews)? Exactly when they may open it. */
export function canSeeMeeting(subject: Subject, meeting: MeetingResource): boolean {
  return accessTo(subject, meeting) !== 'none';
}

/**
 * Export of the minutes as a document (DOCX, PDF, the print page): whoever
 * may open the meeting may take its minutes with them, approved ones as the
 * record and earlier ones as a draft marked as such. Secret (mật) minutes
 * leave the system only through the cell's secretary and deputy, who answer
 * for the copies (DOMAIN.md: the flag must restrict export); not through
 * those who take part, nor overseers who read them.
 */
export function canExportMinutes(subject: Subject, meeting: MeetingResource): boolean {
  if (accessTo(subject, meeting) === 'none') return false;
  if (meeting.classification !== 'secret') return true;
  const membership = membershipIn(subject, meeting.cellId);
  return membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
}

/**
 * Sending a meeting's notice to its members by email: those who prepare the
 * meeting (the cell's secretary and deputy), while it is still to be held or
 * under way. Who receives it is whoever the policy lets see the meeting.
 */
export function canSendMeetingNotice(subject: Subject, meeting: MeetingResource): boolean {
  return meetingPermissions(subject, meeting).manage;
}

/** The mail outbox (messages kept instead of sent, password links among them): administrators only. */
export function canReadOutbox(subject: Subject): boolean {
  return subject.isAdmin;
}

/** A member withdraws their own request for the floor; the chair may remove anyone's. */
export function canWithdrawFloor(
  subject: Subject,
  permissions: MeetingPermissions,
  request: { userId: string },
): boolean {
  return permissions.chair || (permissions.participate && request.userId === subject.userId);
}

/** The chair confirms as chair, the minutes-taker as minutes-taker: nobody confirms for someone else. */
export function canAcknowledge(
  subject: Subject,
  meeting: Pick<MeetingResource, 'chairId' | 'secretaryId'>,
  role: 'chair' | 'secretary',
): boolean {
  return (role === 'chair' ? meeting.chairId : meeting.secretaryId) === subject.userId;
}

/** Follow-up of a task: its assignees and the cell's managers set its status. */
export function canFollowUpTask(subject: Subject, task: { cellId: string; assigneeIds: readonly string[] }): boolean {
  return task.assigneeIds.includes(subject.userId) || canManageCell(subject, task.cellId);
}

/**
 * Reading preferences of an account (larger text and contrast): every
 * signed-in user sets their own, nobody sets anyone else's.
 */
export function canSetReadingPreferences(subject: Subject, accountId: string): boolean {
  return accountId === subject.userId;
}

/** What the policy needs to know about an account whose password someone wants to set. */
export interface AccountResource {
  userId: string;
  isAdmin: boolean;
  /** The cell whose manager created the account (by adding a new email to it); null for accounts made otherwise. */
  homeCellId: string | null;
}

/**
 * Who may hand out a link that sets an account's password (an invite, a
 * reset): an administrator, for accounts that are not administrators; a
 * cell's secretary or deputy, for the accounts their cell created. Adding an
 * existing account to a cell gives that cell no power over its password.
 * Administrators' passwords are set by the operator (CLI) only.
 */
export function canManageCredentials(subject: Subject, account: AccountResource): boolean {
  if (account.isAdmin || account.userId === subject.userId) return false;
  if (subject.isAdmin) return true;
  if (account.homeCellId === null) return false;
  const membership = membershipIn(subject, account.homeCellId);
  return membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
}

/** The audit log: administrators read all of it, a cell's managers what concerns their cell. */
export function canReadAudit(subject: Subject, cellId: string | null): boolean {
  if (subject.isAdmin) return true;
  if (cellId === null) return false;
  const membership = membershipIn(subject, cellId);
  return membership !== undefined && CELL_MANAGER_ROLES.includes(membership.role);
}

/** Cells whose audit entries the subject may read (all of them, for an administrator: null). */
export function auditCells(subject: Subject): readonly string[] | null {
  if (subject.isAdmin) return null;
  return subject.memberships.filter((m) => CELL_MANAGER_ROLES.includes(m.role)).map((m) => m.cellId);
}

/** The subject as far as one cell is concerned: what a page may hand to the browser to ask the policy again. */
export function narrowSubject(subject: Subject, cellId: string): Subject {
  return {
    userId: subject.userId,
    isAdmin: subject.isAdmin,
    memberships: subject.memberships.filter((m) => m.cellId === cellId),
    oversees: subject.oversees.filter((id) => id === cellId),
  };
}

/** Who may know of a meeting at all: the whole cell, its committee and invitees, or those who take part in a secret one. */
function audienceOf(meeting: Pick<MeetingResource, 'kind' | 'classification'>): 'cell' | 'committee' | 'secret' {
  if (meeting.kind === 'committee') return 'committee';
  return meeting.classification === 'secret' ? 'secret' : 'cell';
}

/**
 * Whether a meeting's review of last month's tasks may list the tasks set by
 * `source`: everyone who sees the review must have been allowed to see where
 * the tasks came from. Tasks of the cell's ordinary meetings go everywhere;
 * those of a committee or secret meeting only to meetings of the same kind.
 */
export function mayReviewTasksOf(
  source: Pick<MeetingResource, 'kind' | 'classification'>,
  target: Pick<MeetingResource, 'kind' | 'classification'>,
): boolean {
  const from = audienceOf(source);
  return from === 'cell' || from === audienceOf(target);
}

/**
 * One kind of meeting a subject may read, as a condition on the meeting's
 * columns, so that a search can ask the database for readable meetings only
 * (filtering after a LIMIT would lose results and leak counts). A meeting is
 * readable when any rule admits it; each rule admits meetings of its cells
 * (every cell when `cellIds` is null) that meet all of its conditions.
 */
export interface ReadRule {
  cellIds: readonly string[] | null;
  /** Committee meetings only, every other kind only, or any kind. */
  kinds: 'committee' | 'not_committee' | 'any';
  /** Whether secret meetings are admitted too. */
  secret: boolean;
  /** Admit only settled meetings: approved minutes, and meetings recorded as not held. */
  settledOnly: boolean;
  /** Admit only meetings this user was invited to (members outside the committee, at its meetings). */
  invitedUserId: string | null;
}

/**
 * The meetings a subject may read, as rules: the same decisions as
 * `canSeeMeeting`, case by case (tests/unit/search-policy.test.ts compares
 * the two over every combination).
 */
export function readableMeetings(subject: Subject): ReadRule[] {
  const rules: Omit<ReadRule, 'cellIds'>[] = [];
  const cellsOf: string[][] = [];
  const add = (cellId: string | null, rule: Omit<ReadRule, 'cellIds'>) => {
    const index = rules.findIndex((r) => JSON.stringify(r) === JSON.stringify(rule));
    if (index === -1) {
      rules.push(rule);
      cellsOf.push(cellId === null ? [] : [cellId]);
    } else if (cellId !== null) cellsOf[index]!.push(cellId);
  };
  const base = { settledOnly: false, invitedUserId: null };
  for (const m of subject.memberships) {
    // Ordinary and secret meetings: those who take part (everyone but the exempted) read both.
    add(m.cellId, { ...base, kinds: 'not_committee', secret: m.status !== 'exempted' });
    // Committee meetings: the committee, and members it invited.
    add(m.cellId, {
      ...base,
      kinds: 'committee',
      secret: true,
      invitedUserId: CELL_COMMITTEE_ROLES.includes(m.role) ? null : subject.userId,
    });
  }
  for (const cellId of subject.oversees)
    add(cellId, { kinds: 'any', secret: true, settledOnly: true, invitedUserId: null });
  const result: ReadRule[] = rules.map((rule, i) => ({ cellIds: cellsOf[i]!, ...rule }));
  if (subject.isAdmin) result.push({ cellIds: null, kinds: 'not_committee', secret: false, ...base });
  return result;
}
