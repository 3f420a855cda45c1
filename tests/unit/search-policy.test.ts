import { describe, expect, it } from 'vitest';
import {
  isSettled,
  MEETING_CLASSIFICATIONS,
  MEETING_KINDS,
  MEETING_STATES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  type MemberRole,
  type MemberStatus,
} from '../../lib/domain';
import { canSeeMeeting, readableMeetings, type MeetingResource, type ReadRule, type Subject } from '../../lib/policy';
import { readableCells } from '../../server/search/scope';

const CELL = 'cell-1';
const OTHER = 'cell-2';
const USER = 'user-1';

/** What the SQL built from a rule (server/search/scope.ts) asks of a meeting, in plain code. */
function admits(rule: ReadRule, meeting: MeetingResource): boolean {
  if (rule.cellIds !== null && !rule.cellIds.includes(meeting.cellId)) return false;
  if (rule.kinds === 'committee' && meeting.kind !== 'committee') return false;
  if (rule.kinds === 'not_committee' && meeting.kind === 'committee') return false;
  if (!rule.secret && meeting.classification !== 'normal') return false;
  if (rule.settledOnly && !isSettled(meeting.state)) return false;
  if (rule.invitedUserId !== null && !meeting.invitees.includes(rule.invitedUserId)) return false;
  return true;
}

/** Every subject shape that matters: no tie, a membership of each role and status, oversight, admin, and mixes. */
function subjects(): Subject[] {
  const memberships: (null | { role: MemberRole; status: MemberStatus })[] = [null];
  for (const role of MEMBER_ROLES) for (const status of MEMBER_STATUSES) memberships.push({ role, status });
  const result: Subject[] = [];
  for (const membership of memberships) {
    for (const oversees of [[], [CELL], [OTHER]]) {
      for (const isAdmin of [false, true]) {
        result.push({
          userId: USER,
          isAdmin,
          memberships: membership ? [{ cellId: CELL, ...membership }] : [],
          oversees,
        });
      }
    }
  }
  return result;
}

function meetings(): MeetingResource[] {
  const result: MeetingResource[] = [];
  for (const cellId of [CELL, OTHER])
    for (const kind of MEETING_KINDS)
      for (const classification of MEETING_CLASSIFICATIONS)
        for (const state of MEETING_STATES)
          for (const invitees of [[], [USER], ['someone-else']])
            result.push({ cellId, kind, classification, state, chairId: null, secretaryId: null, invitees });
  return result;
}

describe('the read rules a search applies', () => {
  it('admit exactly the meetings canSeeMeeting lets the subject see, in every combination', () => {
    let checked = 0;
    const disagreements: string[] = [];
    for (const subject of subjects()) {
      const rules = readableMeetings(subject);
      for (const meeting of meetings()) {
        checked++;
        const byRules = rules.some((rule) => admits(rule, meeting));
        if (byRules !== canSeeMeeting(subject, meeting))
          disagreements.push(JSON.stringify({ subject, meeting, byRules }));
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('give a stranger no rule at all, so a search does not reach the index', () => {
    expect(readableMeetings({ userId: USER, isAdmin: false, memberships: [], oversees: [] })).toEqual([]);
  });

  it('merge the same rule for several cells into one', () => {
    const rules = readableMeetings({
      userId: USER,
      isAdmin: false,
      memberships: [],
      oversees: [CELL, OTHER],
    });
    expect(rules).toEqual([
      { cellIds: [CELL, OTHER], kinds: 'any', secret: true, settledOnly: true, invitedUserId: null },
    ]);
  });

  it('name cells that hold every meeting they admit, or none when any cell may, so an engine may narrow its scan to them', () => {
    const missed: string[] = [];
    for (const subject of subjects()) {
      const rules = readableMeetings(subject);
      const cells = readableCells(rules, {});
      expect(cells === null, JSON.stringify(subject)).toBe(subject.isAdmin);
      for (const meeting of meetings())
        if (cells !== null && !cells.includes(meeting.cellId) && rules.some((rule) => admits(rule, meeting)))
          missed.push(JSON.stringify({ subject, meeting }));
      // A filter for a cell narrows to that cell, readable or not: the rules still decide.
      expect(readableCells(rules, { cellId: OTHER })).toEqual([OTHER]);
    }
    expect(missed.slice(0, 3)).toEqual([]);
    expect(
      readableCells(
        readableMeetings({
          userId: USER,
          isAdmin: false,
          memberships: [{ cellId: CELL, role: 'member', status: 'full' }],
          oversees: [CELL, OTHER],
        }),
        {},
      ),
    ).toEqual([CELL, OTHER]);
  });
});
