import { describe, expect, it } from 'vitest';
import {
  canManageCell,
  canManageOrganisations,
  canViewCell,
  documentAccess,
  meetingCapabilities,
  type Subject,
} from '../../server/auth/policy';

const CELL = 'cell-1';
const OTHER = 'cell-2';

const subject = (overrides: Partial<Subject>): Subject => ({
  userId: 'u',
  isAdmin: false,
  memberships: [],
  ...overrides,
});
const admin = subject({ isAdmin: true });
const secretary = subject({ memberships: [{ cellId: CELL, role: 'secretary', status: 'full' }] });
const deputy = subject({ memberships: [{ cellId: CELL, role: 'deputy_secretary', status: 'full' }] });
const member = subject({ memberships: [{ cellId: CELL, role: 'member', status: 'full' }] });
const probationary = subject({ memberships: [{ cellId: CELL, role: 'member', status: 'probationary' }] });
const attached = subject({ memberships: [{ cellId: CELL, role: 'member', status: 'attached' }] });
const exempted = subject({ memberships: [{ cellId: CELL, role: 'member', status: 'exempted' }] });
const stranger = subject({ memberships: [{ cellId: OTHER, role: 'secretary', status: 'full' }] });

const open = { cellId: CELL, state: 'in_progress' as const };
const approved = { cellId: CELL, state: 'approved' as const };

describe('document access', () => {
  it('lets an administrator edit any meeting', () => {
    expect(documentAccess(admin, open)).toBe('edit');
  });

  it('lets the secretary and members who take part edit', () => {
    for (const s of [secretary, deputy, member, probationary, attached]) expect(documentAccess(s, open)).toBe('edit');
  });

  it('lets a member exempted from activities read only', () => {
    expect(documentAccess(exempted, open)).toBe('read');
  });

  it('gives a secretary of another cell no access at all', () => {
    expect(documentAccess(stranger, open)).toBe('none');
    expect(documentAccess(subject({}), open)).toBe('none');
  });

  it('makes approved minutes read-only for everyone, administrators included', () => {
    for (const s of [admin, secretary, member, exempted]) expect(documentAccess(s, approved)).toBe('read');
    expect(documentAccess(stranger, approved)).toBe('none');
  });

  it('keeps minutes editable after the meeting closes, until they are approved', () => {
    expect(documentAccess(member, { cellId: CELL, state: 'closed' })).toBe('edit');
  });
});

describe('cell permissions', () => {
  it('lets members view their cell and nobody else’s', () => {
    expect(canViewCell(member, CELL)).toBe(true);
    expect(canViewCell(exempted, CELL)).toBe(true);
    expect(canViewCell(member, OTHER)).toBe(false);
    expect(canViewCell(admin, OTHER)).toBe(true);
  });

  it('lets the secretary and the deputy manage the cell, not other members', () => {
    expect(canManageCell(secretary, CELL)).toBe(true);
    expect(canManageCell(deputy, CELL)).toBe(true);
    expect(canManageCell(member, CELL)).toBe(false);
    expect(
      canManageCell(subject({ memberships: [{ cellId: CELL, role: 'committee_member', status: 'full' }] }), CELL),
    ).toBe(false);
    expect(canManageCell(stranger, CELL)).toBe(false);
  });

  it('lets only administrators create organisations', () => {
    expect(canManageOrganisations(admin)).toBe(true);
    expect(canManageOrganisations(secretary)).toBe(false);
  });
});

describe('overseers', () => {
  const overseer = subject({ userId: 'o', oversees: [CELL] });

  it('read approved minutes of the cells they oversee, and nothing before approval', () => {
    expect(documentAccess(overseer, approved)).toBe('read');
    expect(documentAccess(overseer, open)).toBe('none');
    expect(documentAccess(overseer, { cellId: OTHER, state: 'approved' })).toBe('none');
    expect(canViewCell(overseer, CELL)).toBe(true);
    expect(canManageCell(overseer, CELL)).toBe(false);
  });
});

describe('meeting capabilities', () => {
  const roles = { chairId: 'chair', secretaryId: 'taker' };
  const chair = subject({ userId: 'chair', memberships: [{ cellId: CELL, role: 'committee_member', status: 'full' }] });
  const taker = subject({ userId: 'taker', memberships: [{ cellId: CELL, role: 'member', status: 'full' }] });

  it('lets the appointed chair run the meeting and the minutes-taker record it', () => {
    expect(meetingCapabilities(chair, { ...open, ...roles })).toMatchObject({
      chair: true,
      record: true,
      manage: false,
    });
    expect(meetingCapabilities(taker, { ...open, ...roles })).toMatchObject({
      chair: false,
      record: true,
      participate: true,
    });
  });

  it('lets an ordinary member only take part', () => {
    expect(meetingCapabilities(member, { ...open, ...roles })).toEqual({
      manage: false,
      chair: false,
      record: false,
      participate: true,
      amend: false,
    });
  });

  it('does not let a member exempted from activities take part', () => {
    expect(meetingCapabilities(exempted, { ...open, ...roles }).participate).toBe(false);
  });

  it('freezes everything but amendments once the minutes are approved', () => {
    expect(meetingCapabilities(secretary, { ...approved, ...roles })).toEqual({
      manage: false,
      chair: false,
      record: false,
      participate: false,
      amend: true,
    });
    expect(meetingCapabilities(taker, { ...approved, ...roles }).amend).toBe(true);
    expect(meetingCapabilities(member, { ...approved, ...roles }).amend).toBe(false);
  });
});
