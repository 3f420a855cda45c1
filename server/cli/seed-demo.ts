import { MEMBER_ROLES } from '../../lib/domain';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { fillMinutes } from '../../lib/minutes/fill';
import type { TaskStatus } from '../../lib/rules/tasks';
import type { Meeting } from '../db/schema';
import { createMeetingRecord } from '../meeting';
import { createStoredDocs } from '../meeting/stored-docs';
import type { Services } from '../services';
import { DEMO_CELLS, type DemoCell } from './demo-cells';
import { holdDemoMeeting, type DemoMeetingDeps } from './demo-meeting';
import { demoRecord, type DemoRecord, type SetTask } from './demo-minutes';
import { DEMO } from './demo-organisation';
import { regularRecord, thematicRecord } from './demo-record';
import { demoRandom, planYear, type PlannedMeeting } from './demo-year';

export interface DemoSummary {
  /** False when the demo already existed and nothing was written. */
  created: boolean;
  committeeId: string;
  cellId: string;
  admin: { id: string; email: string } | null;
  /** Oversees every demo cell: reads their approved minutes, the overview, gives guidance. */
  overseer: { id: string; name: string; email: string } | null;
  password: string;
  members: { userId: string; name: string; email: string | null; role: string; status: string }[];
  /** The main cell's, newest first; `sealedHash` is the content hash of approved minutes, null before approval. */
  meetings: DemoMeetingSummary[];
  /** Every cell of the demo đảng bộ, the main one first, with its meetings newest first. */
  cells: { cellId: string; name: string; memberCount: number; meetings: DemoMeetingSummary[] }[];
  /** Template headings the demo content could not find (an administrator edited the template). */
  warnings: string[];
}

export interface DemoMeetingSummary {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  state: string;
  sealedHash: string | null;
}

/** Minutes of the main cell's last meeting, whose record is written by hand (demo-minutes.ts). */
const MAIN_LAST_LENGTH = 105;

const pad = (n: number) => String(n).padStart(2, '0');

async function findDemoCell(services: Services) {
  const cells = await services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
  return cells.find((c) => c.name === DEMO.cellName && c.committeeName === DEMO.committeeName);
}

function meetingSummary(m: Meeting): DemoMeetingSummary {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    startsAt: m.starts_at,
    state: m.state,
    sealedHash: m.state === 'approved' ? m.content_hash : null,
  };
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
  const all = await services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
  const cells = [];
  // The demo's own cells, in the order it creates them: the main cell first.
  for (const cell of DEMO_CELLS) {
    const found = all.find((c) => c.name === cell.name && c.committeeId === committeeId);
    if (!found) continue;
    cells.push({
      cellId: found.id,
      name: found.name,
      memberCount: (await services.organisations.listMembers(found.id)).length,
      meetings: (await services.meetings.listMeetings(found.id)).map(meetingSummary),
    });
  }
  const overseer = await services.accounts.findByEmail(DEMO.overseerEmail);
  return {
    created,
    committeeId,
    cellId,
    admin: admin ? { id: admin.id, email: admin.email } : null,
    overseer: overseer ? { id: overseer.id, name: overseer.name, email: overseer.email } : null,
    password: DEMO.password,
    members: members
      .sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role))
      .map(({ userId, name, email, role, status }) => ({ userId, name, email, role, status })),
    meetings: cells[0]?.cellId === cellId ? cells[0].meetings : [],
    cells,
    warnings,
  };
}

/**
 * What becomes of the tasks a regular meeting sets, as their assignees
 * report after it: everything older than two months was done; of the last
 * two meetings the first task is still under way, to be carried over. One
 * task in the second cell has stayed unfinished for months: an overdue task
 * for the committee's dashboard.
 */
function settleTasks(cellIndex: number, offset: number): (index: number) => TaskStatus {
  return (index) => {
    if (index !== 0) return 'done';
    if (cellIndex === 1 && offset === -4) return 'in_progress';
    return offset <= -3 ? 'done' : 'in_progress';
  };
}

interface CellSeed {
  deps: DemoMeetingDeps;
  cellIndex: number;
  cell: DemoCell;
  cellId: string;
  secretaryId: string;
  now: Date;
  /** The organisation's time zone: the evenings are held at their local time there. */
  timeZone: string;
  warnings: Set<string>;
}

/** Creates one planned meeting with its opening lines typed in, reporting the headings the template lacks. */
async function createPlanned(seed: CellSeed, plan: PlannedMeeting, record: DemoRecord, topic?: string) {
  return seed.deps.services.meetings.createMeeting(
    seed.cellId,
    { kind: plan.kind, startsAt: plan.startsAt, place: seed.cell.place, ...(topic ? { topic } : {}) },
    seed.secretaryId,
    {
      editContent: (content) => {
        const filled = fillMinutes(content, record.fill);
        for (const key of filled.missing)
          seed.warnings.add(`the ${plan.kind} template has no "${key}"; that part of the demo minutes was left out`);
        return filled.doc;
      },
    },
  );
}

/**
 * One cell's year, oldest meeting first so each regular meeting's review
 * starts from the tasks still open: every meeting is held and sealed
 * through the meeting operations, or recorded as not held through
 * markNotHeld. The main cell's last meeting is the hand-written record the
 * demo has always had.
 */
async function seedCellYear(seed: CellSeed): Promise<void> {
  const { deps, cell, cellIndex, now, timeZone, warnings } = seed;
  const random = demoRandom(0xb1e0 + cellIndex);
  let previous: SetTask[] = [];
  for (const plan of planYear(now, cellIndex, cell, MAIN_LAST_LENGTH, timeZone)) {
    const evening = { start: plan.start, end: plan.end };
    if (plan.kind === 'thematic') {
      const { topic, record } = thematicRecord(cell, plan, DEMO.locality, random);
      const meeting = await createPlanned(seed, plan, record, topic);
      await holdDemoMeeting(deps, meeting.id, record, evening, warnings);
      continue;
    }
    if (cellIndex === 0 && plan.offset === -1) {
      const record = demoRecord({
        ...plan,
        place: cell.place,
        locality: DEMO.locality,
        endTime: DEMO.meetingEndTime,
        previous,
      });
      const meeting = await createPlanned(seed, plan, record);
      await holdDemoMeeting(deps, meeting.id, record, evening, warnings);
      continue;
    }
    const { record, tasks } = regularRecord(
      cell,
      plan,
      previous,
      DEMO.locality,
      random,
      settleTasks(cellIndex, plan.offset),
    );
    const meeting = await createPlanned(seed, plan, record);
    if (plan.notHeld) {
      const chair = await deps.services.accounts.getUser(seed.secretaryId);
      if (!chair) throw new Error(`the demo chi bộ ${cell.name} lost its secretary`);
      await deps.ops.live.markNotHeld(chair, { meetingId: meeting.id, ...plan.notHeld });
      previous = [];
      continue;
    }
    await holdDemoMeeting(deps, meeting.id, record, evening, warnings);
    previous = tasks;
  }

  // Created after the year: its review starts with the tasks still unfinished.
  const upcoming = new Date(now.getFullYear(), now.getMonth() + 1, cell.meetingDay);
  await deps.services.meetings.createMeeting(
    seed.cellId,
    {
      kind: 'regular',
      startsAt: `${upcoming.getFullYear()}-${pad(upcoming.getMonth() + 1)}-${pad(cell.meetingDay)}T${cell.meetingTime}`,
      place: cell.place,
    },
    seed.secretaryId,
  );
}

/** Adds a cell's members with the demo password; returns the bí thư's user id. */
async function addMembers(services: Services, cellId: string, cell: DemoCell): Promise<string> {
  let secretaryId: string | null = null;
  for (const member of cell.members) {
    const row = await services.organisations.addMember(cellId, member);
    await services.accounts.setPassword(row.userId, DEMO.password);
    if (member.role === 'secretary') secretaryId = row.userId;
  }
  if (!secretaryId) throw new Error(`the demo chi bộ ${cell.name} has no secretary`);
  return secretaryId;
}

/**
 * Creates the demo organisation for people evaluating the product: on an
 * empty installation it also completes setup with a demo administrator;
 * otherwise it adds a new đảng bộ beside the existing ones. The đảng bộ has
 * three chi bộ, each with a year of meetings (the twelve months before this
 * one: regular meetings every month, a thematic one every quarter) held
 * through the real meeting operations and sealed, one month in one cell
 * recorded as not held, and next month's meeting scheduled, reviewing the
 * tasks still unfinished. Run twice, it finds the demo chi bộ and reports
 * it instead of adding another. The documents it writes (straight to the
 * database, see stored-docs) are ones it has just created, which no running
 * server has open yet.
 */
export async function seedDemo(
  services: Services,
  now = new Date(),
  timeZone = DEFAULT_TIME_ZONE,
): Promise<DemoSummary> {
  const existing = await findDemoCell(services);
  if (existing) return summarise(services, false, existing.id, existing.committeeId ?? '', []);

  let committeeId: string;
  let mainCellId: string;
  if (await services.organisations.isSetupComplete()) {
    committeeId = (await services.organisations.createCommittee(DEMO.committeeName)).id;
    mainCellId = (await services.organisations.createCell(committeeId, DEMO.cellName)).id;
  } else {
    ({ committeeId, cellId: mainCellId } = await services.organisations.completeSetup({
      adminName: DEMO.adminName,
      email: DEMO.adminEmail,
      password: DEMO.password,
      committeeName: DEMO.committeeName,
      cellName: DEMO.cellName,
    }));
  }

  const meetingRecord = createMeetingRecord(services, { timeZone });
  const docs = createStoredDocs(services.docStore, meetingRecord.hooks);
  const deps: DemoMeetingDeps = { services, ops: meetingRecord.attach(docs), docs };
  const warnings = new Set<string>();
  for (const [cellIndex, cell] of DEMO_CELLS.entries()) {
    const cellId = cellIndex === 0 ? mainCellId : (await services.organisations.createCell(committeeId, cell.name)).id;
    const secretaryId = await addMembers(services, cellId, cell);
    await seedCellYear({ deps, cellIndex, cell, cellId, secretaryId, now, timeZone, warnings });
  }
  const overseer = await services.accounts.createUser({
    email: DEMO.overseerEmail,
    name: DEMO.overseerName,
    password: DEMO.password,
  });
  const cells = await services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
  for (const cell of cells.filter((c) => c.committeeId === committeeId)) {
    await services.db
      .insertInto('oversights')
      .values({ user_id: overseer.id, cell_id: cell.id, created_at: now.toISOString() })
      .execute();
  }
  return summarise(services, true, mainCellId, committeeId, Array.from(warnings));
}
