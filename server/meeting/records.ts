import { absenceStreaks, countAttendance, type AttendanceMark } from '../../lib/rules/attendance';
import { MINIMUM_MINUTES } from '../../lib/rules/duration';
import { todayIso, wallTimeToInstant } from '../../lib/format';
import { isOverdue } from '../../lib/rules/tasks';
import { z } from 'zod';
import {
  canGiveGuidance,
  canManageCell,
  canReadVersions,
  canSeeMeeting,
  canViewCell,
  type Subject,
} from '../../lib/policy';
import type { Meeting } from '../db/schema';
import { notFound } from '../errors';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import type { MemberRow } from '../services/organisations';
import { cellTasks } from './carry-over';
import { ensure, meetingContext } from './context';
import { cellRules } from './settings';
import { listSections, plainText } from './doc-edits';
import { sectionMenu } from '../../lib/minutes/section-menu';
import type { MeetingDocs } from './docs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { matchesArchiveFilters, type ArchiveEntry, type ArchiveFilters } from '../../lib/archive';
import { monthsOf, type OversightCell, type OversightPeriod } from '../../lib/oversight';

/** Documents are "available" when uploaded at least this long before the meeting. */
const DOCUMENTS_LEAD_MS = 24 * 60 * 60 * 1000;

/** Read models for pages: what a meeting, a member's tasks and a cell's task board look like. */
export function createRecords(services: Services, docs: MeetingDocs, timeZone: string) {
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

  /** Guidance given on the meetings `ids`, oldest first, with the author's name and the meeting's date. */
  async function guidanceOn(ids: readonly string[], since: string | null = null) {
    if (ids.length === 0) return [];
    let query = db
      .selectFrom('guidance as g')
      .innerJoin('users as u', 'u.id', 'g.author_id')
      .innerJoin('meetings as m', 'm.id', 'g.meeting_id')
      .select([
        'g.id',
        'g.meeting_id as meetingId',
        'm.title as meetingTitle',
        'm.starts_at as meetingStartsAt',
        'g.section_id as sectionId',
        'g.section_title as sectionTitle',
        'g.body',
        'u.name as authorName',
        'g.created_at as createdAt',
      ])
      .where('g.meeting_id', 'in', [...ids]);
    if (since) query = query.where('g.created_at', '>=', since);
    return query.orderBy('g.created_at').execute();
  }

  /** A cell's meetings the subject may see, newest first: the policy asked once per meeting. */
  async function visibleMeetings(subject: Subject, cellId: string): Promise<Meeting[]> {
    const meetings = await services.meetings.listMeetings(cellId);
    const resources = await services.meetings.resourcesOf(meetings);
    return meetings.filter((_, i) => canSeeMeeting(subject, resources[i]!));
  }

  /** The ids of a cell's meetings the subject may see. */
  async function visibleMeetingIds(subject: Subject, cellId: string): Promise<Set<string>> {
    return new Set((await visibleMeetings(subject, cellId)).map((m) => m.id));
  }

  function withCellAndOverdue(tasks: Awaited<ReturnType<typeof cellTasks>>, cellId: string, cellName: string) {
    const day = todayIso(timeZone);
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
      // The meeting's start as typed is wall-clock time in the organisation's zone.
      const lead = (wallTimeToInstant(meeting.starts_at, timeZone)?.getTime() ?? 0) - DOCUMENTS_LEAD_MS;
      const members: (MemberRow & { absenceStreak: number | null })[] = ctx.members.map((m) => ({
        ...m,
        absenceStreak: streaks.get(m.userId) ?? null,
      }));
      const invitees =
        meeting.kind === 'committee'
          ? await db
              .selectFrom('meeting_invitees as i')
              .innerJoin('users as u', 'u.id', 'i.user_id')
              .select(['u.id as userId', 'u.name'])
              .where('i.meeting_id', '=', meetingId)
              .execute()
          : [];
      // Sealed minutes keep each task as it stood when sealed; the page shows today's status beside it.
      const taskStatuses =
        meeting.state === 'approved'
          ? Object.fromEntries(
              (
                await db
                  .selectFrom('tasks')
                  .select(['id', 'status', 'due_date'])
                  .where('meeting_id', '=', meetingId)
                  .execute()
              ).map((t) => [t.id, { status: t.status, dueDate: t.due_date }]),
            )
          : {};
      // Guidance on this meeting; before a meeting, also what came since the cell's last approved minutes.
      const guidance = await guidanceOn([meeting.id]);
      let guidanceSinceLast: Awaited<ReturnType<typeof guidanceOn>> = [];
      if (meeting.state === 'scheduled') {
        const earlier = await db
          .selectFrom('meetings')
          .select(['id', 'approved_at'])
          .where('cell_id', '=', meeting.cell_id)
          .where('starts_at', '<', meeting.starts_at)
          .orderBy('starts_at', 'desc')
          .execute();
        const visible = await visibleMeetingIds(ctx.subject, meeting.cell_id);
        const last = earlier.find((m) => m.approved_at !== null);
        guidanceSinceLast = await guidanceOn(
          earlier.filter((m) => visible.has(m.id)).map((m) => m.id),
          last?.approved_at ?? null,
        );
      }
      // How many named versions there are, for those the policy lets compare them (null: not shown).
      const versionCount = canReadVersions(ctx.subject, ctx.resource)
        ? Number(
            (
              await db
                .selectFrom('minutes_versions')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('meeting_id', '=', meetingId)
                .executeTakeFirstOrThrow()
            ).n,
          )
        : null;
      return {
        meeting,
        guidance,
        guidanceSinceLast,
        versionCount,
        canGiveGuidance: canGiveGuidance(ctx.subject, ctx.resource),
        /** The sealed minutes' sections, for guidance on one of them. */
        guidanceSections: canGiveGuidance(ctx.subject, ctx.resource)
          ? sectionMenu(await docs.read(meetingId, (doc) => listSections(doc)))
          : [],
        taskStatuses,
        permissions: ctx.permissions,
        subject: ctx.subject,
        resource: ctx.resource,
        invitees,
        members,
        acknowledgments: acknowledgments.map((a) => ({
          role: a.role,
          userId: a.user_id,
          name: names.get(a.user_id) ?? '',
          at: a.at,
        })),
        sealed: version ? { hash: version.content_hash, sealedAt: version.created_at, name: version.name } : null,
        notHeld:
          meeting.state === 'not_held' && meeting.not_held_reason && meeting.not_held_at
            ? {
                reason: meeting.not_held_reason,
                note: meeting.not_held_note ?? '',
                at: meeting.not_held_at,
                byName: meeting.not_held_by
                  ? (names.get(meeting.not_held_by) ??
                    (await services.accounts.getUser(meeting.not_held_by))?.name ??
                    '')
                  : '',
              }
            : null,
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

    /** The meetings of a cell the user may see, newest first. */
    async listMeetings(user: SessionUser, cellId: string): Promise<Meeting[]> {
      const subject = await services.organisations.subjectFor(user);
      if (!canViewCell(subject, cellId)) return [];
      return visibleMeetings(subject, cellId);
    },

    /**
     * The archive: every meeting the user may see in the cells they belong to
     * or oversee (all cells for an administrator), narrowed by `filters`. The
     * policy decides per meeting, as for a cell's own list: an overseer finds
     * approved minutes only, and secret or committee meetings only where they
     * may open them. Also the cells the reader may choose from.
     */
    async archive(user: SessionUser, filters: ArchiveFilters) {
      const subject = await services.organisations.subjectFor(user);
      const cells = await services.organisations.cellsFor(subject);
      const chosen = filters.cellId === undefined ? cells : cells.filter((c) => c.id === filters.cellId);
      const entries: ArchiveEntry[] = [];
      for (const cell of chosen) {
        for (const m of await visibleMeetings(subject, cell.id)) {
          entries.push({
            id: m.id,
            title: m.title,
            kind: m.kind,
            state: m.state,
            classification: m.classification,
            startsAt: m.starts_at,
            place: m.place,
            cellId: cell.id,
            cellName: cell.name,
            committeeName: cell.committeeName,
            approvedAt: m.approved_at,
            contentHash: m.content_hash,
            notHeld: m.not_held_reason ? { reason: m.not_held_reason, note: m.not_held_note ?? '' } : null,
          });
        }
      }
      return {
        cells,
        entries: entries.filter((entry) => matchesArchiveFilters(entry, { ...filters, cellId: undefined })),
        /** Every visible meeting before the filters other than the cell: the years to choose from. */
        all: entries,
      };
    },

    /**
     * The committee's overview of a period: for each cell the user may see,
     * each month's meetings (those the policy shows them: an overseer counts
     * approved minutes and meetings recorded as not held), their duration,
     * attendance against the cell's members, and the cell's overdue tasks.
     * Attendance is measured against today's membership of the cell.
     */
    async oversight(user: SessionUser, period: OversightPeriod) {
      const subject = await services.organisations.subjectFor(user);
      const cells = await services.organisations.cellsFor(subject);
      const months = monthsOf(period);
      const day = todayIso(timeZone);
      const out: OversightCell[] = [];
      for (const cell of cells) {
        const seenAll = await visibleMeetings(subject, cell.id);
        const visible = seenAll.filter(
          (m) => m.starts_at.slice(0, 7) >= period.from && m.starts_at.slice(0, 7) <= period.to,
        );
        const members = await services.organisations.listMembers(cell.id);
        const marks = visible.length
          ? await db
              .selectFrom('attendance')
              .select(['meeting_id', 'user_id', 'status', 'reason'])
              .where(
                'meeting_id',
                'in',
                visible.map((m) => m.id),
              )
              .execute()
          : [];
        const seen = new Set(seenAll.map((m) => m.id));
        const overdueTasks = (await cellTasks(db, cell.id)).filter(
          (t) => seen.has(t.meetingId) && isOverdue(t, day),
        ).length;
        const byMonth: OversightCell['months'] = Object.fromEntries(months.map((month) => [month, []]));
        for (const m of visible.sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
          const counts = countAttendance(
            members,
            new Map(
              marks
                .filter((r) => r.meeting_id === m.id)
                .map((r) => [r.user_id, { status: r.status, reason: r.reason ?? undefined }]),
            ),
          );
          const duration =
            m.started_at && m.ended_at
              ? Math.round((Date.parse(m.ended_at) - Date.parse(m.started_at)) / 60_000)
              : null;
          byMonth[m.starts_at.slice(0, 7)]!.push({
            id: m.id,
            title: m.title,
            kind: m.kind,
            state: m.state,
            durationMinutes: duration,
            minimumMinutes: MINIMUM_MINUTES[m.kind],
            present: counts.present,
            expected: counts.expected,
            absentWithoutReason: counts.absentWithoutReason,
            notHeld: m.not_held_reason ? { reason: m.not_held_reason, note: m.not_held_note ?? '' } : null,
          });
        }
        out.push({
          cellId: cell.id,
          cellName: cell.name,
          probationary: members.filter((m) => m.status === 'probationary').length,
          overdueTasks,
          months: byMonth,
        });
      }
      return { cells: out, months };
    },

    /** The signed-in member's tasks across cells, overdue ones flagged; only tasks of meetings they may see. */
    async myTasks(user: SessionUser) {
      const subject = await services.organisations.subjectFor(user);
      const out = [];
      for (const membership of subject.memberships) {
        const cell = await services.organisations.getCell(membership.cellId);
        if (!cell) continue;
        const visible = await visibleMeetingIds(subject, cell.id);
        const tasks = (await cellTasks(db, cell.id)).filter(
          (t) => visible.has(t.meetingId) && t.assignees.some((a) => a.userId === user.id),
        );
        out.push(...withCellAndOverdue(tasks, cell.id, cell.name));
      }
      return out.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    },

    /** The cell's rules and overseers, for its managers' settings. */
    async cellSettings(user: SessionUser, cellId: string) {
      const subject = await services.organisations.subjectFor(user);
      ensure(canManageCell(subject, cellId));
      const overseers = await db
        .selectFrom('oversights as o')
        .innerJoin('users as u', 'u.id', 'o.user_id')
        .select(['u.id as userId', 'u.name', 'u.email', 'o.created_at as since'])
        .where('o.cell_id', '=', cellId)
        .orderBy('u.name')
        .execute();
      return { rules: await cellRules(db, cellId), overseers };
    },

    /**
     * Every task of a cell the user may see, for its task board: an overseer
     * sees the tasks of approved minutes only, as the policy shows them those
     * minutes only.
     */
    async taskBoard(user: SessionUser, cellId: string) {
      const subject = await services.organisations.subjectFor(user);
      ensure(canViewCell(subject, cellId));
      const cell = await services.organisations.getCell(cellId);
      if (!cell) return [];
      const visible = await visibleMeetingIds(subject, cellId);
      const tasks = (await cellTasks(db, cellId)).filter((t) => visible.has(t.meetingId));
      return withCellAndOverdue(tasks, cell.id, cell.name).sort(
        (a, b) => a.meetingStartsAt.localeCompare(b.meetingStartsAt) || a.position - b.position,
      );
    },

    /**
     * An attachment for download, to anyone who may open its meeting. Reads
     * of approved or secret minutes' attachments go to the audit log.
     */
    async readAttachment(
      user: SessionUser,
      attachmentId: string,
      address: string | null,
    ): Promise<{ name: string; mime: string; data: Uint8Array }> {
      if (!z.string().uuid().safeParse(attachmentId).success) throw notFound('not_found');
      const row = await db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
      if (!row) throw notFound('not_found');
      const ctx = await meetingContext(services, row.meeting_id, user);
      if (ctx.meeting.state === 'approved' || ctx.meeting.classification === 'secret') {
        await services.audit.record({
          action: 'attachment.read',
          actorId: user.id,
          cellId: ctx.meeting.cell_id,
          meetingId: ctx.meeting.id,
          address,
          details: { attachmentId, name: row.name },
        });
      }
      return { name: row.name, mime: row.mime, data: new Uint8Array(row.data) };
    },

    /**
     * Records that a user opened a meeting (page or live document): who has
     * opened it, and for approved minutes an entry in the audit log.
     */
    async recordView(
      user: SessionUser,
      meeting: Pick<Meeting, 'id' | 'cell_id' | 'state'>,
      via: 'page' | 'websocket',
      address: string | null,
    ): Promise<void> {
      const now = new Date().toISOString();
      if (via === 'page') {
        await db
          .insertInto('meeting_views')
          .values({ meeting_id: meeting.id, user_id: user.id, first_at: now, last_at: now, count: 1 })
          .onConflict((oc) =>
            oc
              .columns(['meeting_id', 'user_id'])
              .doUpdateSet((eb) => ({ last_at: now, count: eb('meeting_views.count', '+', 1) })),
          )
          .execute();
      }
      if (meeting.state === 'approved') {
        await services.audit.record({
          action: 'minutes.read',
          actorId: user.id,
          cellId: meeting.cell_id,
          meetingId: meeting.id,
          address,
          details: { via },
        });
      }
    },
  };
}

export type Records = ReturnType<typeof createRecords>;
