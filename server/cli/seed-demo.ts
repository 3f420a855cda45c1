import { MEMBER_ROLES } from '../../lib/domain';
import { fillMinutes } from '../../lib/minutes/fill';
import type { Meeting } from '../db/schema';
import type { Services } from '../services';
import { demoMinutesFill } from './demo-minutes';
import { DEMO, DEMO_MEMBERS } from './demo-organisation';

export interface DemoSummary {
  /** False when the demo already existed and nothing was written. */
  created: boolean;
  committeeId: string;
  cellId: string;
  admin: { id: string; email: string } | null;
  password: string;
  members: { userId: string; name: string; email: string; role: string; status: string }[];
  meetings: { id: string; kind: string; title: string; startsAt: string; state: string }[];
  /** Template headings the demo content could not find (an administrator edited the template). */
  warnings: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The demo meeting day of the month `offset` months from `now`, as a local "YYYY-MM-DDTHH:mm". */
function meetingStart(now: Date, offset: number): { startsAt: string; month: number; year: number } {
  const day = new Date(now.getFullYear(), now.getMonth() + offset, DEMO.meetingDay);
  const month = day.getMonth() + 1;
  const year = day.getFullYear();
  return { startsAt: `${year}-${pad(month)}-${pad(DEMO.meetingDay)}T${DEMO.meetingTime}`, month, year };
}

async function findDemoCell(services: Services) {
  const cells = await services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [] });
  return cells.find((c) => c.name === DEMO.cellName && c.committeeName === DEMO.committeeName);
}

async function summarise(services: Services, created: boolean, cellId: string, committeeId: string, warnings: string[]): Promise<DemoSummary> {
  const admin = await services.accounts.findByEmail(DEMO.adminEmail);
  const members = await services.organisations.listMembers(cellId);
  const meetings = await services.meetings.listMeetings(cellId);
  return {
    created,
    committeeId,
    cellId,
    admin: admin ? { id: admin.id, email: admin.email } : null,
    password: DEMO.password,
    members: members
      .sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role))
      .map(({ userId, name, email, role, status }) => ({ userId, name, email, role, status })),
    meetings: meetings.map((m: Meeting) => ({ id: m.id, kind: m.kind, title: m.title, startsAt: m.starts_at, state: m.state })),
    warnings,
  };
}

/**
 * Creates the demo organisation for people evaluating the product: on an
 * empty installation it also completes setup with a demo administrator;
 * otherwise it adds a new đảng bộ and chi bộ beside the existing ones. Run
 * twice, it finds the demo chi bộ and reports it instead of adding another.
 */
export async function seedDemo(services: Services, now = new Date()): Promise<DemoSummary> {
  const existing = await findDemoCell(services);
  if (existing) return summarise(services, false, existing.id, existing.committeeId ?? '', []);

  let committeeId: string;
  let cellId: string;
  if (await services.organisations.isSetupComplete()) {
    committeeId = (await services.organisations.createCommittee(DEMO.committeeName)).id;
    cellId = (await services.organisations.createCell(committeeId, DEMO.cellName)).id;
  } else {
    ({ committeeId, cellId } = await services.organisations.completeSetup({
      adminName: DEMO.adminName,
      email: DEMO.adminEmail,
      password: DEMO.password,
      committeeName: DEMO.committeeName,
      cellName: DEMO.cellName,
    }));
  }

  let secretaryId: string | null = null;
  for (const member of DEMO_MEMBERS) {
    const row = await services.organisations.addMember(cellId, member);
    await services.accounts.setPassword(row.userId, DEMO.password);
    if (member.role === 'secretary') secretaryId = row.userId;
  }

  const warnings: string[] = [];
  const past = meetingStart(now, -1);
  await services.meetings.createMeeting(
    cellId,
    { kind: 'regular', startsAt: past.startsAt, place: DEMO.place },
    secretaryId,
    {
      state: 'closed',
      editContent: (content) => {
        const meeting = { place: DEMO.place, locality: DEMO.locality, day: DEMO.meetingDay, month: past.month, year: past.year };
        const filled = fillMinutes(content, demoMinutesFill(meeting));
        warnings.push(...filled.missing.map((key) => `the regular template has no "${key}"; that part of the demo minutes was left out`));
        return filled.doc;
      },
    },
  );
  const upcoming = meetingStart(now, 1);
  await services.meetings.createMeeting(cellId, { kind: 'regular', startsAt: upcoming.startsAt, place: DEMO.place }, secretaryId);

  return summarise(services, true, cellId, committeeId, warnings);
}
