import { absenceStreaks, type AttendanceMark } from '../../lib/rules/attendance';
import { MINIMUM_MINUTES } from '../../lib/rules/duration';
import { isOverdue } from '../../lib/rules/tasks';
import { canViewCell } from '../auth/policy';
import type { Meeting } from '../db/schema';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import type { MemberRow } from '../services/organisations';
import { cellTasks } from './carry-over';
import { ensure, meetingContext } from './context';
import { cellRules } from './settings';
import { plainText } from './doc-edits';
import type { MeetingDocs } from './docs';
import { meetingDoc } from '../../lib/meeting-doc/layout';

/** Documents are "available" when uploaded at least this long before the meeting. */
const DOCUMENTS_LEAD_MS = 24 * 60 * 60 * 1000;

/** Today's local date as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Read models for pages: what a meeting, a member's tasks and a cell's task board look like. */
export function createRecords(services: Services, docs: MeetingDocs) {
  const db = services.db;

  /** Members absent from each of their last N meetings before this one (N from the cell's rules). */
  async function streaksBefore(meeting: Meeting, threshold: number): Promise<Map<string, number>> {
    const earlier = await db
      .selectFrom('meetings')
      .select('id')
      .where('cell_id', '=', meeting.cell_id)
      .where('starts_at', '<', meeting.starts_at)
      .where('state', 'in', ['closed', 'approved'])
      .orderBy('starts_at', 'desc')
      .limit(24)
      .execute();
    if (earlier.length === 0) return new Map();
    const rows = await db
      .selectFrom('attendance')
      .selectAll()
      .where(
        'meeting_id',
        'in',
        earlier.map((m) => m.id),
      )
      .execute();
    const history = earlier.map(
      (m) =>
        new Map<string, AttendanceMark>(
          rows
            .filter((r) => r.meeting_id === m.id)
            .map((r) => [r.user_id, { status: r.status, reason: r.reason ?? undefined }]),
        ),
    );
    return absenceStreaks(history, threshold);
  }

  function withCellAndOverdue(tasks: Awaited<ReturnType<typeof cellTasks>>, cellId: string, cellName: string) {
    const day = today();
    return tasks.map((t) => ({ ...t, cellId, cellName, overdue: isOverdue(t, day) }));
  }

  return {
    async meetingRecord(user: SessionUser, meetingId: string) {
      const ctx = await meetingContext(services, meetingId, user);
      const { meeting } = ctx;
      const rules = await cellRules(db, meeting.cell_id);
      const streaks = await streaksBefore(meeting, rules.absenceStreak);
      const names = new Map(ctx.members.map((m) => [m.userId, m.name]));
      const acknowledgments = await db
        .selectFrom('acknowledgments')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .execute();
      const version = await db
        .selectFrom('minutes_versions')
        .select(['name', 'content_hash', 'created_at'])
        .where('meeting_id', '=', meetingId)
        .where('name', '=', 'approved')
        .executeTakeFirst();
      const amendments = await db
        .selectFrom('amendments as a')
        .innerJoin('users as u', 'u.id', 'a.author_id')
        .select(['a.id', 'a.body', 'u.name as authorName', 'a.created_at', 'a.content_hash'])
        .where('a.meeting_id', '=', meetingId)
        .orderBy('a.created_at')
        .execute();
      const attachments = await db
        .selectFrom('attachments as a')
        .innerJoin('users as u', 'u.id', 'a.uploaded_by')
        .select(['a.id', 'a.name', 'a.mime', 'a.size', 'u.name as uploadedByName', 'a.created_at'])
        .where('a.meeting_id', '=', meetingId)
        .orderBy('a.created_at')
        .execute();
      const views = await db
        .selectFrom('meeting_views as v')
        .innerJoin('users as u', 'u.id', 'v.user_id')
        .select(['v.user_id', 'u.name', 'v.first_at', 'v.last_at', 'v.count'])
        .where('v.meeting_id', '=', meetingId)
        .orderBy('v.first_at')
        .execute();
      // The agenda is ready once the chi ủy has written something in it.
      const agendaReady = await docs.read(meetingId, (doc) => plainText(meetingDoc.agenda(doc)).trim().length > 0);
      const lead = Date.parse(meeting.starts_at) - DOCUMENTS_LEAD_MS;
      const members: (MemberRow & { absenceStreak: number | null })[] = ctx.members.map((m) => ({
        ...m,
        absenceStreak: streaks.get(m.userId) ?? null,
      }));
      return {
        meeting,
        caps: ctx.caps,
        members,
        acknowledgments: acknowledgments.map((a) => ({
          role: a.role,
          userId: a.user_id,
          name: names.get(a.user_id) ?? '',
          at: a.at,
        })),
        sealed: version ? { hash: version.content_hash, sealedAt: version.created_at, name: version.name } : null,
        amendments: amendments.map((a) => ({
          id: a.id,
          body: a.body,
          authorName: a.authorName,
          createdAt: a.created_at,
          hash: a.content_hash,
        })),
        attachments: attachments.map((a) => ({
          id: a.id,
          name: a.name,
          mime: a.mime,
          size: a.size,
          uploadedByName: a.uploadedByName,
          createdAt: a.created_at,
        })),
        views: views.map((v) => ({
          userId: v.user_id,
          name: v.name,
          firstAt: v.first_at,
          lastAt: v.last_at,
          count: v.count,
        })),
        checklist: {
          agendaReady,
          draftResolutionReady: meeting.draft_resolution_ready_at !== null,
          membersNotified: meeting.notified_at !== null,
          documentsAvailable: attachments.length > 0 && attachments.every((a) => Date.parse(a.created_at) <= lead),
        },
        rules,
        minimumMinutes: MINIMUM_MINUTES[meeting.kind],
      };
    },

    /** The signed-in member's tasks across cells, overdue ones flagged. */
    async myTasks(user: SessionUser) {
      const subject = await services.organisations.subjectFor(user);
      const out = [];
      for (const membership of subject.memberships) {
        const cell = await services.organisations.getCell(membership.cellId);
        if (!cell) continue;
        const tasks = (await cellTasks(db, cell.id)).filter((t) => t.assignees.some((a) => a.userId === user.id));
        out.push(...withCellAndOverdue(tasks, cell.id, cell.name));
      }
      return out.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    },

    /** The cell's rules and overseers, for its settings page. */
    async cellSettings(user: SessionUser, cellId: string) {
      const subject = await services.organisations.subjectFor(user);
      ensure(canViewCell(subject, cellId));
      const overseers = await db
        .selectFrom('oversights as o')
        .innerJoin('users as u', 'u.id', 'o.user_id')
        .select(['u.id as userId', 'u.name', 'u.email', 'o.created_at as since'])
        .where('o.cell_id', '=', cellId)
        .orderBy('u.name')
        .execute();
      return { rules: await cellRules(db, cellId), overseers };
    },

    /** Every task of a cell, for its task board. */
    async taskBoard(user: SessionUser, cellId: string) {
      const subject = await services.organisations.subjectFor(user);
      ensure(canViewCell(subject, cellId));
      const cell = await services.organisations.getCell(cellId);
      if (!cell) return [];
      const tasks = await cellTasks(db, cellId);
      return withCellAndOverdue(tasks, cell.id, cell.name).sort(
        (a, b) => a.meetingStartsAt.localeCompare(b.meetingStartsAt) || a.position - b.position,
      );
    },
  };
}

export type Records = ReturnType<typeof createRecords>;
