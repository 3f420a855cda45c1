import { meetingDoc, type AttendanceEntry } from '../../lib/meeting-doc/layout';
import {
  acknowledgeSchema,
  attendanceMarkSchema,
  currentSectionSchema,
  meetingIdSchema,
  notHeldSchema,
  sessionRolesSchema,
} from '../../lib/meeting-schemas';
import { canAcknowledge } from '../../lib/policy';
import { checkDuration } from '../../lib/rules/duration';
import { conflict } from '../errors';
import type { Meeting } from '../db/schema';
import { log } from '../log';
import { takeVersion } from '../meeting/versions';
import { auditAs, operation, type OperationDeps } from './define';
import { changeState, memberOf, onMeeting, OPEN_STATES, projectSoon, refuse } from './meeting-scope';
import { openBlanks } from '../../lib/minutes/blanks';
import { factDataOf } from '../meeting/state';

/**
 * Keeps the minutes as they stand when the meeting starts or ends. The step
 * has happened by then (the row says so); a version that could not be
 * stored is logged, not a reason to undo the meeting's start or end.
 */
async function keepVersion(deps: OperationDeps, meeting: Meeting, name: 'start' | 'end', by: string): Promise<void> {
  await takeVersion(deps, meeting, name, by).catch((error: unknown) =>
    log.error('minutes.version_not_kept', { meetingId: meeting.id, name, error: String(error) }),
  );
}

/**
 * The meeting's session: roles, start and end, attendance, the section under
 * discussion, the read-back, and the two confirmations that seal the minutes.
 */
export const sessionOperations = {
  /** Appoints the chair (chủ trì) and the minutes-taker (thư ký) of the meeting. */
  setRoles: operation({
    group: 'live',
    schema: sessionRolesSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.manage,
    refresh: true,
    async run(deps, ctx, input, caller) {
      const { user } = caller;
      const people = [input.chairId, input.secretaryId, ...(input.presenterId ? [input.presenterId] : [])];
      if (people.some((id) => !memberOf(ctx, id))) refuse('not_a_member', 'setRoles', user.id);
      await changeState(
        deps,
        input.meetingId,
        { chair_id: input.chairId, secretary_id: input.secretaryId, presenter_id: input.presenterId ?? null },
        OPEN_STATES,
      );
      await auditAs(deps, caller, {
        action: 'meeting.roles_set',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { chairId: input.chairId, secretaryId: input.secretaryId, presenterId: input.presenterId ?? null },
      });
      projectSoon(deps, input.meetingId);
    },
  }),

  /** Opens the meeting: the timer starts. */
  start: operation({
    group: 'live',
    schema: meetingIdSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    refresh: true,
    async run(deps, ctx, { meetingId }, { user }) {
      if (ctx.meeting.state !== 'scheduled') refuse('meeting_already_started', 'start', user.id, { meetingId });
      const startedAt = new Date().toISOString();
      const meeting = await changeState(deps, meetingId, { state: 'in_progress', started_at: startedAt }, [
        'scheduled',
      ]);
      projectSoon(deps, meetingId);
      await keepVersion(deps, meeting, 'start', user.id);
      return { startedAt };
    },
  }),

  /**
   * Records that a scheduled meeting did not take place, postponed or
   * cancelled, with the reason: the row stays, read-only, so the month shows
   * as a fact in the archive. The live minutes close for editing at once.
   */
  markNotHeld: operation({
    group: 'live',
    schema: notHeldSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.manage,
    refresh: true,
    async run(deps, ctx, input, caller) {
      if (ctx.meeting.state !== 'scheduled') refuse('meeting_not_scheduled', 'markNotHeld', caller.user.id);
      const at = new Date().toISOString();
      await changeState(
        deps,
        input.meetingId,
        {
          state: 'not_held',
          not_held_reason: input.reason,
          not_held_note: input.note,
          not_held_at: at,
          not_held_by: caller.user.id,
        },
        ['scheduled'],
      );
      // Those who were co-editing its minutes now only read them.
      await deps.revalidateDocument(input.meetingId);
      await auditAs(deps, caller, {
        action: 'meeting.not_held',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { reason: input.reason, note: input.note },
      });
      return { at };
    },
  }),

  /** Closes the meeting and records the end time; reports the duration against the kind's minimum. */
  end: operation({
    group: 'live',
    schema: meetingIdSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    refresh: true,
    async run(deps, ctx, { meetingId }, { user }) {
      const startedAt = ctx.meeting.started_at;
      if (ctx.meeting.state !== 'in_progress' || !startedAt) refuse('meeting_not_in_progress', 'end', user.id);
      const endedAt = new Date().toISOString();
      const meeting = await changeState(deps, meetingId, { state: 'closed', ended_at: endedAt }, ['in_progress']);
      projectSoon(deps, meetingId);
      await keepVersion(deps, meeting, 'end', user.id);
      return checkDuration(ctx.meeting.kind, startedAt, endedAt);
    },
  }),

  /** Marks one member present, late, or absent with or without reason. */
  markAttendance: operation({
    group: 'live',
    schema: attendanceMarkSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    async run(deps, ctx, input, { user }) {
      const member = memberOf(ctx, input.userId);
      if (!member) refuse('not_a_member', 'markAttendance', user.id, { target: input.userId });
      const entry: AttendanceEntry = {
        userId: member.userId,
        name: member.name,
        status: input.status,
        ...(input.status === 'absent_with_reason' ? { reason: input.reason } : {}),
        at: new Date().toISOString(),
        by: user.id,
      };
      await deps.docs.change(input.meetingId, (doc) => meetingDoc.attendance(doc).set(member.userId, entry));
      projectSoon(deps, input.meetingId);
    },
  }),

  /**
   * "Everyone present": marks every member not marked yet present, in one
   * step, so the minutes-taker only marks the exceptions. Members exempted
   * from meetings are left unmarked (they are not expected); marks already
   * made are kept.
   */
  markAllPresent: operation({
    group: 'live',
    schema: meetingIdSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    async run(deps, ctx, { meetingId }, { user }) {
      const at = new Date().toISOString();
      const marked = await deps.docs.change(meetingId, (doc) => {
        const attendance = meetingDoc.attendance(doc);
        let count = 0;
        for (const member of ctx.members) {
          if (member.status === 'exempted' || attendance.has(member.userId)) continue;
          attendance.set(member.userId, {
            userId: member.userId,
            name: member.name,
            status: 'present',
            at,
            by: user.id,
          });
          count++;
        }
        return count;
      });
      projectSoon(deps, meetingId);
      return { marked };
    },
  }),

  /** The chair or minutes-taker chooses the section being discussed: opinions and votes go there. */
  setCurrentSection: operation({
    group: 'live',
    schema: currentSectionSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    async run(deps, _ctx, input) {
      await deps.docs.change(input.meetingId, (doc) =>
        meetingDoc.session(doc).set('currentSectionId', input.sectionId),
      );
    },
  }),

  /** The minutes-taker has read the minutes back to the meeting. */
  markReadBack: operation({
    group: 'live',
    schema: meetingIdSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    async run(deps, _ctx, { meetingId }) {
      await deps.docs.change(meetingId, (doc) => meetingDoc.session(doc).set('readBackAt', new Date().toISOString()));
    },
  }),

  /**
   * The chair or the minutes-taker confirms the approved minutes (a recorded
   * acknowledgment with time and user). Needs a passed vote on the minutes.
   * The second confirmation seals them.
   */
  acknowledge: operation({
    group: 'live',
    schema: acknowledgeSchema,
    ...onMeeting,
    allowed: (ctx, input) => canAcknowledge(ctx.subject, ctx.resource, input.role),
    refresh: true,
    async run(deps, ctx, input, caller) {
      const { user } = caller;
      if (ctx.meeting.state === 'approved') throw conflict('meeting_locked');
      if (ctx.meeting.state !== 'closed') refuse('meeting_not_closed', 'acknowledge', user.id);
      const approved = await deps.docs.read(input.meetingId, (doc) =>
        Array.from(meetingDoc.votes(doc).values()).some(
          (v) => v.subject === 'minutes' && v.state === 'closed' && v.passed,
        ),
      );
      if (!approved) refuse('minutes_not_approved_by_vote', 'acknowledge', user.id);
      const blanks = await deps.docs.read(input.meetingId, (doc) =>
        openBlanks(meetingDoc.minutes(doc), factDataOf(ctx.meeting, ctx.members, doc, deps.timeZone)),
      );
      // A sealed record with "Khách mời: …" in it is a form left half filled: say which lines, ask once.
      if (blanks.length > 0 && !input.acceptBlanks)
        refuse('minutes_have_blanks', 'acknowledge', user.id, { blanks: blanks.length });
      const db = deps.services.db;
      await db
        .insertInto('acknowledgments')
        .values({ meeting_id: input.meetingId, role: input.role, user_id: user.id, at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['meeting_id', 'role']).doNothing())
        .execute();
      const rows = await db
        .selectFrom('acknowledgments')
        .select('role')
        .where('meeting_id', '=', input.meetingId)
        .execute();
      const complete = rows.length === 2;
      const sealed = complete ? await deps.seal(input.meetingId, user.id) : null;
      if (sealed) {
        await auditAs(deps, caller, {
          action: 'meeting.sealed',
          cellId: ctx.meeting.cell_id,
          meetingId: input.meetingId,
          details: { hash: sealed.hash },
        });
      }
      return { complete, sealed };
    },
  }),
};
