import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import {
  meetingDoc,
  readSession,
  type AttendanceEntry,
  type Ballot,
  type SpeakerRequest,
  type VoteRecord,
} from '../../lib/meeting-doc/layout';
import {
  acknowledgeSchema,
  attendanceMarkSchema,
  ballotSchema,
  closeVoteSchema,
  currentSectionSchema,
  floorDecisionSchema,
  floorRequestSchema,
  meetingIdSchema,
  openVoteSchema,
  sessionRolesSchema,
  voteCountsSchema,
} from '../../lib/meeting-schemas';
import { countAttendance } from '../../lib/rules/attendance';
import { checkDuration, type DurationCheck } from '../../lib/rules/duration';
import { checkVoteCounts, voteOutcome, type VoteCounts } from '../../lib/rules/votes';
import { conflict } from '../errors';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { meetingContext, ensure, type MeetingContext } from './context';
import { insertInSection } from './doc-edits';
import type { MeetingDocs } from './docs';
import { parseInput, refuse } from './input';
import type { SealResult } from './seal';
import { cellRules } from './settings';

/** The present-member numbers votes are measured against, from the live attendance. */
function attendanceNumbers(ctx: MeetingContext, doc: Y.Doc) {
  const marks = new Map(Array.from(meetingDoc.attendance(doc).entries()));
  return countAttendance(
    ctx.members.map((m) => ({ userId: m.userId, status: m.status })),
    marks,
  );
}

/**
 * Live meeting operations: each checks its input and the permission policy,
 * then writes the structured record into the meeting's document, where every
 * open editor sees it at once. The database follows by projection.
 */
export function createLiveMeetings(deps: {
  services: Services;
  docs: MeetingDocs;
  /** The meeting changed state or record: project it now. */
  afterChange: (meetingId: string) => void;
  /** Seals the minutes once both confirmations are in. */
  seal: (meetingId: string, sealedBy: string) => Promise<SealResult>;
}) {
  const { services, docs } = deps;
  const db = services.db;

  async function context(meetingId: string, user: SessionUser) {
    return meetingContext(services, meetingId, user);
  }

  function memberOf(ctx: MeetingContext, userId: string) {
    return ctx.members.find((m) => m.userId === userId);
  }

  const live = {
    /** Appoints the chair (chủ trì) and the minutes-taker (thư ký) of the meeting. */
    async setRoles(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(sessionRolesSchema, input, 'setRoles', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.manage);
      const people = [data.chairId, data.secretaryId, ...(data.presenterId ? [data.presenterId] : [])];
      if (people.some((id) => !memberOf(ctx, id))) refuse('not_a_member', 'setRoles', user.id);
      await db
        .updateTable('meetings')
        .set({ chair_id: data.chairId, secretary_id: data.secretaryId, presenter_id: data.presenterId ?? null })
        .where('id', '=', data.meetingId)
        .execute();
      await docs.change(data.meetingId, (doc) => {
        const session = meetingDoc.session(doc);
        session.set('chairId', data.chairId);
        session.set('secretaryId', data.secretaryId);
        if (data.presenterId) session.set('presenterId', data.presenterId);
        else session.delete('presenterId');
      });
      deps.afterChange(data.meetingId);
    },

    /** Opens the meeting: the timer starts. */
    async start(user: SessionUser, input: unknown): Promise<{ startedAt: string }> {
      const { meetingId } = parseInput(meetingIdSchema, input, 'start', user.id);
      const ctx = await context(meetingId, user);
      ensure(ctx.caps.chair);
      if (ctx.meeting.state !== 'scheduled') refuse('meeting_already_started', 'start', user.id, { meetingId });
      const startedAt = new Date().toISOString();
      await db
        .updateTable('meetings')
        .set({ state: 'in_progress', started_at: startedAt })
        .where('id', '=', meetingId)
        .execute();
      await docs.change(meetingId, (doc) => meetingDoc.session(doc).set('startedAt', startedAt));
      deps.afterChange(meetingId);
      return { startedAt };
    },

    /** Closes the meeting and records the end time; reports the duration against the kind's minimum. */
    async end(user: SessionUser, input: unknown): Promise<DurationCheck> {
      const { meetingId } = parseInput(meetingIdSchema, input, 'end', user.id);
      const ctx = await context(meetingId, user);
      ensure(ctx.caps.chair);
      if (ctx.meeting.state !== 'in_progress' || !ctx.meeting.started_at)
        refuse('meeting_not_in_progress', 'end', user.id);
      const endedAt = new Date().toISOString();
      await db
        .updateTable('meetings')
        .set({ state: 'closed', ended_at: endedAt })
        .where('id', '=', meetingId)
        .execute();
      await docs.change(meetingId, (doc) => meetingDoc.session(doc).set('endedAt', endedAt));
      deps.afterChange(meetingId);
      return checkDuration(ctx.meeting.kind, ctx.meeting.started_at!, endedAt);
    },

    /** Marks one member present, late, or absent with or without reason. */
    async markAttendance(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(attendanceMarkSchema, input, 'markAttendance', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.record);
      const member = memberOf(ctx, data.userId);
      if (!member) refuse('not_a_member', 'markAttendance', user.id, { target: data.userId });
      const entry: AttendanceEntry = {
        userId: member.userId,
        name: member.name,
        status: data.status,
        ...(data.status === 'absent_with_reason' ? { reason: data.reason } : {}),
        at: new Date().toISOString(),
        by: user.id,
      };
      await docs.change(data.meetingId, (doc) => meetingDoc.attendance(doc).set(member.userId, entry));
      deps.afterChange(data.meetingId);
    },

    /** The chair or minutes-taker chooses the section being discussed: opinions and votes go there. */
    async setCurrentSection(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(currentSectionSchema, input, 'setCurrentSection', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.record);
      await docs.change(data.meetingId, (doc) => meetingDoc.session(doc).set('currentSectionId', data.sectionId));
    },

    /** A member asks for the floor; asking twice keeps one place in the list. */
    async requestFloor(user: SessionUser, input: unknown): Promise<{ requestId: string }> {
      const { meetingId } = parseInput(floorRequestSchema, input, 'requestFloor', user.id);
      const ctx = await context(meetingId, user);
      ensure(ctx.caps.participate);
      if (ctx.meeting.state !== 'in_progress') refuse('meeting_not_in_progress', 'requestFloor', user.id);
      return docs.change(meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        for (const request of speakers.values()) {
          if (request.userId === user.id && (request.state === 'waiting' || request.state === 'speaking'))
            return { requestId: request.id };
        }
        const request: SpeakerRequest = {
          id: randomUUID(),
          userId: user.id,
          name: memberOf(ctx, user.id)?.name ?? user.name,
          requestedAt: new Date().toISOString(),
          state: 'waiting',
        };
        speakers.set(request.id, request);
        return { requestId: request.id };
      });
    },

    /** A member withdraws their own request (or the chair removes one). */
    async withdrawFloor(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(floorDecisionSchema, input, 'withdrawFloor', user.id);
      const ctx = await context(data.meetingId, user);
      await docs.change(data.meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        const request = speakers.get(data.requestId);
        if (!request) return;
        ensure(request.userId === user.id || ctx.caps.chair);
        if (request.state === 'waiting') speakers.set(request.id, { ...request, state: 'withdrawn' });
      });
    },

    /**
     * The chair gives the floor: the speaker's turn becomes an opinion block
     * "Đồng chí <name>: …" at the end of the current section, attributed to them.
     */
    async giveFloor(user: SessionUser, input: unknown): Promise<{ opinionId: string }> {
      const data = parseInput(floorDecisionSchema, input, 'giveFloor', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.chair);
      if (ctx.meeting.state !== 'in_progress') refuse('meeting_not_in_progress', 'giveFloor', user.id);
      return docs.change(data.meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        const request = speakers.get(data.requestId);
        if (!request || request.state !== 'waiting') refuse('floor_request_not_waiting', 'giveFloor', user.id);
        for (const other of speakers.values()) {
          if (other.state === 'speaking') speakers.set(other.id, { ...other, state: 'done' });
        }
        const opinionId = randomUUID();
        insertInSection(doc, readSession(doc).currentSectionId, 'opinion', {
          id: opinionId,
          speakerId: request.userId,
          speakerName: request.name,
        });
        speakers.set(request.id, { ...request, state: 'speaking', opinionId });
        return { opinionId };
      });
    },

    /** The speaker's turn ends. */
    async finishFloor(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(floorDecisionSchema, input, 'finishFloor', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.chair);
      await docs.change(data.meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        const request = speakers.get(data.requestId);
        if (request?.state === 'speaking') speakers.set(request.id, { ...request, state: 'done' });
      });
    },

    /** The chair opens a vote; its result block appears in the current section. */
    async openVote(user: SessionUser, input: unknown): Promise<{ voteId: string }> {
      const data = parseInput(openVoteSchema, input, 'openVote', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.chair);
      // Votes are taken during the meeting, or after it ended for the minutes themselves.
      if (ctx.meeting.state === 'scheduled') refuse('meeting_not_in_progress', 'openVote', user.id);
      const vote: VoteRecord = {
        id: randomUUID(),
        subject: data.subject,
        title: data.title,
        method: data.method,
        state: 'open',
        openedAt: new Date().toISOString(),
        openedBy: user.id,
      };
      await docs.change(data.meetingId, (doc) => {
        meetingDoc.votes(doc).set(vote.id, vote);
        // The vote on the minutes belongs at the end of the record, just above the closing lines.
        const section = vote.subject === 'minutes' ? undefined : readSession(doc).currentSectionId;
        insertInSection(doc, section, 'voteResult', { voteId: vote.id });
      });
      deps.afterChange(data.meetingId);
      return { voteId: vote.id };
    },

    /** The minutes-taker enters counts from a show of hands; counts that cannot be right are refused. */
    async recordCounts(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(voteCountsSchema, input, 'recordCounts', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.record);
      await docs.change(data.meetingId, (doc) => {
        const votes = meetingDoc.votes(doc);
        const vote = votes.get(data.voteId);
        if (!vote) refuse('vote_not_found', 'recordCounts', user.id);
        if (vote.state !== 'open') refuse('vote_closed', 'recordCounts', user.id);
        const counts: VoteCounts = { for: data.for, against: data.against, other: data.other };
        const present = attendanceNumbers(ctx, doc).present;
        const error = checkVoteCounts(counts, present);
        if (error) refuse(error, 'recordCounts', user.id, { counts, present });
        votes.set(vote.id, {
          ...vote,
          counts,
          present,
          ...(data.otherOpinions ? { otherOpinions: data.otherOpinions } : {}),
        });
      });
      deps.afterChange(data.meetingId);
    },

    /** A present member confirms their own vote on their device (method "confirmation"). */
    async castBallot(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(ballotSchema, input, 'castBallot', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.participate);
      await docs.change(data.meetingId, (doc) => {
        const vote = meetingDoc.votes(doc).get(data.voteId);
        if (!vote) refuse('vote_not_found', 'castBallot', user.id);
        if (vote.state !== 'open') refuse('vote_closed', 'castBallot', user.id);
        if (vote.method !== 'confirmation') refuse('vote_not_by_confirmation', 'castBallot', user.id);
        const mark = meetingDoc.attendance(doc).get(user.id);
        if (mark?.status !== 'present' && mark?.status !== 'late') refuse('ballot_not_present', 'castBallot', user.id);
        const ballot: Ballot = { voteId: vote.id, userId: user.id, choice: data.choice, at: new Date().toISOString() };
        meetingDoc.ballots(doc).set(`${vote.id}:${user.id}`, ballot);
      });
    },

    /**
     * The chair closes a vote: counts are the recorded ones or, for
     * confirmation votes without recorded counts, the tally of ballots; the
     * outcome follows the cell's rule.
     */
    async closeVote(user: SessionUser, input: unknown): Promise<VoteRecord> {
      const data = parseInput(closeVoteSchema, input, 'closeVote', user.id);
      const ctx = await context(data.meetingId, user);
      ensure(ctx.caps.chair);
      const rule = await cellRules(db, ctx.meeting.cell_id);
      const closed = await docs.change(data.meetingId, (doc) => {
        const votes = meetingDoc.votes(doc);
        const vote = votes.get(data.voteId);
        if (!vote) refuse('vote_not_found', 'closeVote', user.id);
        if (vote.state !== 'open') refuse('vote_closed', 'closeVote', user.id);
        const numbers = attendanceNumbers(ctx, doc);
        let counts = vote.counts;
        if (!counts && vote.method === 'confirmation') {
          counts = { for: 0, against: 0, other: 0 };
          for (const ballot of meetingDoc.ballots(doc).values()) if (ballot.voteId === vote.id) counts[ballot.choice]++;
        }
        if (!counts) refuse('vote_counts_missing', 'closeVote', user.id);
        const error = checkVoteCounts(counts, numbers.present);
        if (error) refuse(error, 'closeVote', user.id, { counts, present: numbers.present });
        const outcome = voteOutcome(counts, rule.vote, numbers);
        const result: VoteRecord = {
          ...vote,
          state: 'closed',
          closedAt: new Date().toISOString(),
          counts,
          rule: rule.vote,
          present: numbers.present,
          base: outcome.base,
          percent: outcome.percent,
          passed: outcome.passed,
        };
        votes.set(vote.id, result);
        return result;
      });
      deps.afterChange(data.meetingId);
      return closed;
    },

    /** The minutes-taker has read the minutes back to the meeting. */
    async markReadBack(user: SessionUser, input: unknown): Promise<void> {
      const { meetingId } = parseInput(meetingIdSchema, input, 'markReadBack', user.id);
      const ctx = await context(meetingId, user);
      ensure(ctx.caps.record);
      await docs.change(meetingId, (doc) => meetingDoc.session(doc).set('readBackAt', new Date().toISOString()));
    },

    /**
     * The chair or the minutes-taker confirms the approved minutes (a recorded
     * acknowledgment with time and user). Needs a passed vote on the minutes.
     * Returns whether both have now confirmed.
     */
    async acknowledge(user: SessionUser, input: unknown): Promise<{ complete: boolean; sealed: SealResult | null }> {
      const data = parseInput(acknowledgeSchema, input, 'acknowledge', user.id);
      const ctx = await context(data.meetingId, user);
      const holder = data.role === 'chair' ? ctx.meeting.chair_id : ctx.meeting.secretary_id;
      if (holder !== user.id) refuse('not_your_role', 'acknowledge', user.id, { role: data.role });
      if (ctx.meeting.state === 'approved') throw conflict('meeting_locked');
      if (ctx.meeting.state !== 'closed') refuse('meeting_not_closed', 'acknowledge', user.id);
      const approved = await docs.read(data.meetingId, (doc) =>
        Array.from(meetingDoc.votes(doc).values()).some(
          (v) => v.subject === 'minutes' && v.state === 'closed' && v.passed,
        ),
      );
      if (!approved) refuse('minutes_not_approved_by_vote', 'acknowledge', user.id);
      await db
        .insertInto('acknowledgments')
        .values({ meeting_id: data.meetingId, role: data.role, user_id: user.id, at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['meeting_id', 'role']).doNothing())
        .execute();
      const rows = await db
        .selectFrom('acknowledgments')
        .select('role')
        .where('meeting_id', '=', data.meetingId)
        .execute();
      const complete = rows.length === 2;
      return { complete, sealed: complete ? await deps.seal(data.meetingId, user.id) : null };
    },
  };
  return live;
}

export type LiveMeetings = ReturnType<typeof createLiveMeetings>;
