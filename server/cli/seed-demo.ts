import { MEMBER_ROLES } from '../../lib/domain';
import { fillMinutes } from '../../lib/minutes/fill';
import type { Meeting } from '../db/schema';
import { createMeetingRecord } from '../meeting';
import { createStoredDocs } from '../meeting/stored-docs';
import type { Services } from '../services';
import { holdDemoMeeting } from './demo-meeting';
import { demoRecord } from './demo-minutes';
import { DEMO, DEMO_MEMBERS } from './demo-organisation';

export interface DemoSummary {
  /** False when the demo already existed and nothing was written. */
  created: boolean;
  committeeId: string;
  cellId: string;
  admin: { id: string; email: string } | null;
  password: string;
  members: { userId: string; name: string; email: string; role: string; status: string }[];
  /** Newest first; `sealedHash` is the content hash of approved minutes, null before approval. */
  meetings: { id: string; kind: string; title: string; startsAt: string; state: string; sealedHash: string | null }[];
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

/** A local time ("HH:mm") on the demo meeting day of a month. */
function onMeetingDay(year: number, month: number, time: string): Date {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return new Date(year, month - 1, DEMO.meetingDay, hour, minute);
}

async function findDemoCell(services: Services) {
  const cells = await services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
  return cells.find((c) => c.name === DEMO.cellName && c.committeeName === DEMO.committeeName);
}

async function summarise(
  services: Services,
  created: boolean,
  cellId: string,
  committeeId: string,
  warnings: string[],
): Promise<DemoSummary> {
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
    meetings: meetings.map((m: Meeting) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      startsAt: m.starts_at,
      state: m.state,
      sealedHash: m.state === 'approved' ? m.content_hash : null,
    })),
    warnings,
  };
}

/**
 * Creates the demo organisation for people evaluating the product: on an
 * empty installation it also completes setup with a demo administrator;
 * otherwise it adds a new đảng bộ and chi bộ beside the existing ones. Last
 * month's meeting is held through the real meeting operations and sealed;
 * next month's meeting, created after it, reviews the tasks still unfinished.
 * Run twice, it finds the demo chi bộ and reports it instead of adding
 * another. The documents it writes (straight to the database, see
 * stored-docs) are ones it has just created, which no running server has
 * open yet.
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

  const warnings = new Set<string>();
  const past = meetingStart(now, -1);
  const record = demoRecord({
    place: DEMO.place,
    locality: DEMO.locality,
    day: DEMO.meetingDay,
    month: past.month,
    year: past.year,
    endTime: DEMO.meetingEndTime,
  });
  const pastMeeting = await services.meetings.createMeeting(
    cellId,
    { kind: 'regular', startsAt: past.startsAt, place: DEMO.place },
    secretaryId,
    {
      editContent: (content) => {
        const filled = fillMinutes(content, record.fill);
        for (const key of filled.missing)
          warnings.add(`the regular template has no "${key}"; that part of the demo minutes was left out`);
        return filled.doc;
      },
    },
  );

  const meetingRecord = createMeetingRecord(services);
  const docs = createStoredDocs(services.docStore, meetingRecord.hooks);
  await holdDemoMeeting(
    { services, ops: meetingRecord.attach(docs), docs },
    pastMeeting.id,
    record,
    {
      start: onMeetingDay(past.year, past.month, DEMO.meetingTime),
      end: onMeetingDay(past.year, past.month, DEMO.meetingEndTime),
    },
    warnings,
  );

  // Created after the seal and the follow-up: its review starts with the tasks still unfinished.
  const upcoming = meetingStart(now, 1);
  await services.meetings.createMeeting(
    cellId,
    { kind: 'regular', startsAt: upcoming.startsAt, place: DEMO.place },
    secretaryId,
  );

  return summarise(services, true, cellId, committeeId, Array.from(warnings));
}
