import { describe, expect, it } from 'vitest';
import type { MeetingClassification, MeetingKind, MeetingState, MemberRole, MemberStatus } from '../../lib/domain';
import {
  auditCells,
  canAcknowledge,
  canExportMinutes,
  canFollowUpTask,
  canManageCell,
  canManageCredentials,
  canManageOrganisations,
  canReadAudit,
  canReadVersions,
  canSeeMeeting,
  canViewCell,
  canWithdrawFloor,
  meetingPermissions,
  narrowSubject,
  type MeetingResource,
  type Subject,
} from '../../lib/policy';

const CELL = 'cell-1';
const OTHER = 'cell-2';

const subject = (userId: string, overrides: Partial<Subject> = {}): Subject => ({
  userId,
  isAdmin: false,
  memberships: [],
  oversees: [],
  ...overrides,
});
const inCell = (userId: string, role: MemberRole, status: MemberStatus = 'full') =>
  subject(userId, { memberships: [{ cellId: CELL, role, status }] });

const admin = subject('admin', { isAdmin: true });
const secretary = inCell('secretary', 'secretary');
const deputy = inCell('deputy', 'deputy_secretary');
const committeeMember = inCell('committee', 'committee_member');
const member = inCell('member', 'member');
const probationary = inCell('probationary', 'member', 'probationary');
const attached = inCell('attached', 'member', 'attached');
const exempted = inCell('exempted', 'member', 'exempted');
const chair = inCell('chair', 'member');
const taker = inCell('taker', 'member');
const stranger = subject('stranger', { memberships: [{ cellId: OTHER, role: 'secretary', status: 'full' }] });
const overseer = subject('overseer', { oversees: [CELL] });

const meeting = (
  overrides: Partial<MeetingResource> & {
    kind?: MeetingKind;
    state?: MeetingState;
    classification?: MeetingClassification;
  } = {},
): MeetingResource => ({
  cellId: CELL,
  kind: 'regular',
  classification: 'normal',
  state: 'in_progress',
  chairId: 'chair',
  secretaryId: 'taker',
  invitees: [],
  ...overrides,
});

/** A compact line per subject: access and the capabilities granted, for the tables below. */
function summary(s: Subject, m: MeetingResource): string {
  const p = meetingPermissions(s, m);
  const caps = (['manage', 'chair', 'record', 'participate', 'upload', 'amend', 'keepOffline'] as const).filter(
    (c) => p[c],
  );
  return [p.access, p.writes.join('+') || '-', ...caps].join(' ');
}

describe('who may do what in a meeting', () => {
  it('follows the table for a regular meeting in progress', () => {
    const m = meeting();
    expect({
      admin: summary(admin, m),
      secretary: summary(secretary, m),
      deputy: summary(deputy, m),
      committeeMember: summary(committeeMember, m),
      member: summary(member, m),
      probationary: summary(probationary, m),
      attached: summary(attached, m),
      exempted: summary(exempted, m),
      chair: summary(chair, m),
      taker: summary(taker, m),
      stranger: summary(stranger, m),
      overseer: summary(overseer, m),
    }).toEqual({
      admin: 'read - keepOffline',
      secretary: 'edit minutes+agenda manage chair record participate upload keepOffline',
      deputy: 'edit minutes+agenda manage chair record participate upload keepOffline',
      committeeMember: 'edit minutes participate keepOffline',
      member: 'edit minutes participate keepOffline',
      probationary: 'edit minutes participate keepOffline',
      attached: 'edit minutes participate keepOffline',
      exempted: 'read - keepOffline',
      chair: 'edit minutes chair record participate upload keepOffline',
      taker: 'edit minutes record participate upload keepOffline',
      stranger: 'none -',
      overseer: 'none -',
    });
  });

  it('makes approved minutes read-only for everyone, lets those who kept them amend, and shows them to overseers', () => {
    const m = meeting({ state: 'approved' });
    expect(summary(secretary, m)).toBe('read - amend keepOffline');
    expect(summary(chair, m)).toBe('read - amend keepOffline');
    expect(summary(taker, m)).toBe('read - amend keepOffline');
    expect(summary(member, m)).toBe('read - keepOffline');
    expect(summary(overseer, m)).toBe('read - keepOffline');
    expect(summary(admin, m)).toBe('read - keepOffline');
    expect(summary(stranger, m)).toBe('none -');
  });

  it('makes a meeting recorded as not held read-only for everyone, amended by no one, and a fact for its overseers', () => {
    const m = meeting({ state: 'not_held' });
    expect(summary(secretary, m)).toBe('read - keepOffline');
    expect(summary(chair, m)).toBe('read - keepOffline');
    expect(summary(member, m)).toBe('read - keepOffline');
    expect(summary(overseer, m)).toBe('read - keepOffline');
    expect(summary(stranger, m)).toBe('none -');
    expect(canSeeMeeting(overseer, meeting({ state: 'not_held', classification: 'secret' }))).toBe(true);
  });

  it("keeps drafts from overseers: scheduled, in progress and closed minutes are the cell's", () => {
    for (const state of ['scheduled', 'in_progress', 'closed'] as const) {
      expect(meetingPermissions(overseer, meeting({ state })).access).toBe('none');
      expect(canSeeMeeting(overseer, meeting({ state }))).toBe(false);
    }
    expect(canSeeMeeting(overseer, meeting({ state: 'approved' }))).toBe(true);
  });

  it('gives a committee meeting to the cell committee and whom it invites, and hides it from everyone else', () => {
    const m = meeting({ kind: 'committee', invitees: ['member'] });
    expect(summary(secretary, m)).toBe('edit minutes+agenda manage chair record participate upload keepOffline');
    expect(summary(committeeMember, m)).toBe('edit minutes participate keepOffline');
    expect(summary(member, m)).toBe('edit minutes participate keepOffline');
    for (const s of [probationary, attached, exempted, admin, stranger, overseer]) {
      expect(meetingPermissions(s, m).access, s.userId).toBe('none');
      expect(canSeeMeeting(s, m), s.userId).toBe(false);
    }
    expect(meetingPermissions(overseer, { ...m, state: 'approved' }).access).toBe('read');
  });

  it("opens a secret meeting only to those who take part, and keeps it on no device but the chair's and minutes-taker's", () => {
    const m = meeting({ classification: 'secret' });
    expect(summary(member, m)).toBe('edit minutes participate');
    expect(summary(chair, m)).toBe('edit minutes chair record participate upload keepOffline');
    expect(summary(taker, m)).toBe('edit minutes record participate upload keepOffline');
    for (const s of [exempted, admin, stranger, overseer])
      expect(meetingPermissions(s, m).access, s.userId).toBe('none');
    const approved = { ...m, state: 'approved' as const };
    expect(summary(overseer, approved)).toBe('read -');
    expect(summary(taker, approved)).toBe('read - amend');
  });
});

describe('questions about one person or one record', () => {
  it("lets a member withdraw only their own request for the floor, the chair anyone's", () => {
    const m = meeting();
    expect(canWithdrawFloor(member, meetingPermissions(member, m), { userId: 'member' })).toBe(true);
    expect(canWithdrawFloor(member, meetingPermissions(member, m), { userId: 'probationary' })).toBe(false);
    expect(canWithdrawFloor(chair, meetingPermissions(chair, m), { userId: 'member' })).toBe(true);
    expect(canWithdrawFloor(exempted, meetingPermissions(exempted, m), { userId: 'exempted' })).toBe(false);
  });

  it('lets only the chair confirm as chair and only the minutes-taker as minutes-taker', () => {
    const m = meeting({ state: 'closed' });
    expect(canAcknowledge(chair, m, 'chair')).toBe(true);
    expect(canAcknowledge(chair, m, 'secretary')).toBe(false);
    expect(canAcknowledge(taker, m, 'secretary')).toBe(true);
    expect(canAcknowledge(secretary, m, 'chair')).toBe(false);
  });

  it("lets assignees and the cell's managers follow a task up", () => {
    const task = { cellId: CELL, assigneeIds: ['member'] };
    expect(canFollowUpTask(member, task)).toBe(true);
    expect(canFollowUpTask(secretary, task)).toBe(true);
    expect(canFollowUpTask(admin, task)).toBe(true);
    expect(canFollowUpTask(probationary, task)).toBe(false);
    expect(canFollowUpTask(overseer, task)).toBe(false);
  });

  it('gives a cell power over the passwords of the accounts it created only, never over administrators', () => {
    const own = { userId: 'new', isAdmin: false, homeCellId: CELL };
    const othersCell = { userId: 'elsewhere', isAdmin: false, homeCellId: OTHER };
    const cliAdmin = { userId: 'root', isAdmin: true, homeCellId: null };
    const cliUser = { userId: 'cli', isAdmin: false, homeCellId: null };
    expect(canManageCredentials(secretary, own)).toBe(true);
    expect(canManageCredentials(deputy, own)).toBe(true);
    expect(canManageCredentials(member, own)).toBe(false);
    expect(canManageCredentials(secretary, othersCell)).toBe(false);
    expect(canManageCredentials(secretary, cliAdmin)).toBe(false);
    expect(canManageCredentials(secretary, cliUser)).toBe(false);
    expect(canManageCredentials(admin, othersCell)).toBe(true);
    expect(canManageCredentials(admin, cliUser)).toBe(true);
    expect(canManageCredentials(admin, cliAdmin)).toBe(false);
    expect(canManageCredentials(secretary, { ...own, userId: 'secretary' })).toBe(false);
  });

  it("shows the audit log to administrators whole and to a cell's managers for their cell", () => {
    expect(canReadAudit(admin, null)).toBe(true);
    expect(canReadAudit(secretary, CELL)).toBe(true);
    expect(canReadAudit(secretary, null)).toBe(false);
    expect(canReadAudit(member, CELL)).toBe(false);
    expect(canReadAudit(stranger, CELL)).toBe(false);
    expect(auditCells(admin)).toBeNull();
    expect(auditCells(secretary)).toEqual([CELL]);
    expect(auditCells(member)).toEqual([]);
  });

  it('lets members and overseers see the cell, managers and administrators manage it', () => {
    for (const s of [admin, secretary, member, exempted, overseer]) expect(canViewCell(s, CELL), s.userId).toBe(true);
    expect(canViewCell(stranger, CELL)).toBe(false);
    for (const s of [admin, secretary, deputy]) expect(canManageCell(s, CELL), s.userId).toBe(true);
    for (const s of [committeeMember, member, overseer, stranger]) expect(canManageCell(s, CELL), s.userId).toBe(false);
    expect(canManageOrganisations(admin)).toBe(true);
    expect(canManageOrganisations(secretary)).toBe(false);
  });

  it('hands the browser only what concerns the one cell', () => {
    const both = subject('both', {
      memberships: [
        { cellId: CELL, role: 'member', status: 'full' },
        { cellId: OTHER, role: 'secretary', status: 'full' },
      ],
      oversees: [OTHER],
    });
    expect(narrowSubject(both, CELL)).toEqual({
      userId: 'both',
      isAdmin: false,
      memberships: [{ cellId: CELL, role: 'member', status: 'full' }],
      oversees: [],
    });
  });
});

describe('who may take the minutes away as a document', () => {
  const everyone = { admin, secretary, deputy, committeeMember, member, exempted, overseer, stranger };
  const exporters = (m: MeetingResource) =>
    Object.entries(everyone)
      .filter(([, s]) => canExportMinutes(s, m))
      .map(([name]) => name);

  it('lets whoever may open ordinary minutes export them, drafts included, and overseers once approved', () => {
    expect(exporters(meeting())).toEqual(['admin', 'secretary', 'deputy', 'committeeMember', 'member', 'exempted']);
    expect(exporters(meeting({ state: 'approved' }))).toEqual([
      'admin',
      'secretary',
      'deputy',
      'committeeMember',
      'member',
      'exempted',
      'overseer',
    ]);
  });

  it('lets only the cell managers export secret minutes, not those who take part nor overseers who read them', () => {
    // Regression guard: reading a secret meeting (members, overseers once approved) is not taking a copy of it.
    for (const state of ['in_progress', 'approved'] as const) {
      const m = meeting({ classification: 'secret', state });
      expect(exporters(m), state).toEqual(['secretary', 'deputy']);
      expect(canSeeMeeting(member, m)).toBe(true);
    }
    expect(canSeeMeeting(overseer, meeting({ classification: 'secret', state: 'approved' }))).toBe(true);
  });

  it('exports nothing of a meeting the subject may not open', () => {
    expect(canExportMinutes(stranger, meeting({ state: 'approved' }))).toBe(false);
    expect(canExportMinutes(member, meeting({ kind: 'committee' }))).toBe(false);
    expect(canExportMinutes(committeeMember, meeting({ kind: 'committee' }))).toBe(true);
  });
});

describe('who may read and compare the versions of the minutes', () => {
  const readers = (m: MeetingResource) =>
    Object.entries({ admin, secretary, member, exempted, overseer, stranger })
      .filter(([, s]) => canReadVersions(s, m))
      .map(([name]) => name);

  it('is the cell while the minutes are written, and its overseers too once they are approved', () => {
    expect(readers(meeting({ state: 'in_progress' }))).toEqual(['admin', 'secretary', 'member', 'exempted']);
    expect(readers(meeting({ state: 'closed' }))).toEqual(['admin', 'secretary', 'member', 'exempted']);
    expect(readers(meeting({ state: 'approved' }))).toEqual(['admin', 'secretary', 'member', 'exempted', 'overseer']);
  });

  it('follows who may open a restricted meeting at all', () => {
    // A secret meeting: the exempted member does not take part, so does not know of it.
    expect(readers(meeting({ state: 'closed', classification: 'secret' }))).toEqual(['secretary', 'member']);
    expect(readers(meeting({ state: 'approved', classification: 'secret' }))).toEqual([
      'secretary',
      'member',
      'overseer',
    ]);
  });
});
