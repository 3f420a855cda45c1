import { randomUUID } from 'node:crypto';
import { meetingDoc, readSession, type Ballot, type VoteRecord } from '../../lib/meeting-doc/layout';
import {
  ballotSchema,
  closeVoteSchema,
  openVoteSchema,
  reopenVoteSchema,
  voteCountsSchema,
} from '../../lib/meeting-schemas';
import { checkVoteCounts, voteOutcome, type VoteCounts } from '../../lib/rules/votes';
import { insertInSection } from '../meeting/doc-edits';
import { cellRules } from '../meeting/settings';
import { auditAs, operation } from './define';
import { attendanceNumbers, onMeeting, projectSoon, refuse } from './meeting-scope';

/** Votes: opened by the chair, counted by the minutes-taker or confirmed by each member, closed by the chair. */
export const voteOperations = {
  /** The chair opens a vote; its result block appears in the current section. */
  openVote: operation({
    group: 'live',
    schema: openVoteSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, ctx, input, { user }) {
      // Votes are taken during the meeting, or after it ended for the minutes themselves.
      if (ctx.meeting.state === 'scheduled') refuse('meeting_not_in_progress', 'openVote', user.id);
      const vote: VoteRecord = {
        id: randomUUID(),
        subject: input.subject,
        title: input.title,
        method: input.method,
        state: 'open',
        openedAt: new Date().toISOString(),
        openedBy: user.id,
      };
      await deps.docs.change(input.meetingId, (doc) => {
        meetingDoc.votes(doc).set(vote.id, vote);
        // The vote on the minutes belongs at the end of the record, just above the closing lines.
        const section = vote.subject === 'minutes' ? undefined : readSession(doc).currentSectionId;
        insertInSection(doc, section, 'voteResult', { voteId: vote.id });
      });
      projectSoon(deps, input.meetingId);
      return { voteId: vote.id };
    },
  }),

  /** The minutes-taker enters counts from a show of hands; counts that cannot be right are refused. */
  recordCounts: operation({
    group: 'live',
    schema: voteCountsSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    async run(deps, ctx, input, { user }) {
      const { vote, present } = await deps.docs.read(input.meetingId, (doc) => ({
        vote: meetingDoc.votes(doc).get(input.voteId),
        present: attendanceNumbers(ctx, doc).present,
      }));
      if (!vote) refuse('vote_not_found', 'recordCounts', user.id);
      if (vote.state !== 'open') refuse('vote_closed', 'recordCounts', user.id);
      const counts: VoteCounts = { for: input.for, against: input.against, other: input.other };
      const error = checkVoteCounts(counts, present);
      if (error) refuse(error, 'recordCounts', user.id, { counts, present });
      await deps.docs.change(input.meetingId, (doc) =>
        meetingDoc.votes(doc).set(vote.id, {
          ...vote,
          counts,
          countedFrom: 'hands',
          present,
          ...(input.otherOpinions ? { otherOpinions: input.otherOpinions } : {}),
        }),
      );
      projectSoon(deps, input.meetingId);
    },
  }),

  /** A present member confirms their own vote on their device (method "confirmation"). */
  castBallot: operation({
    group: 'live',
    schema: ballotSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.participate,
    async run(deps, _ctx, input, { user }) {
      const { vote, mark } = await deps.docs.read(input.meetingId, (doc) => ({
        vote: meetingDoc.votes(doc).get(input.voteId),
        mark: meetingDoc.attendance(doc).get(user.id),
      }));
      if (!vote) refuse('vote_not_found', 'castBallot', user.id);
      if (vote.state !== 'open') refuse('vote_closed', 'castBallot', user.id);
      if (vote.method !== 'confirmation') refuse('vote_not_by_confirmation', 'castBallot', user.id);
      if (mark?.status !== 'present' && mark?.status !== 'late') refuse('ballot_not_present', 'castBallot', user.id);
      const ballot: Ballot = { voteId: vote.id, userId: user.id, choice: input.choice, at: new Date().toISOString() };
      await deps.docs.change(input.meetingId, (doc) => meetingDoc.ballots(doc).set(`${vote.id}:${user.id}`, ballot));
    },
  }),

  /**
   * The chair closes a vote: counts are the recorded ones or, for
   * confirmation votes without recorded counts, the tally of ballots; the
   * outcome follows the cell's rule.
   */
  closeVote: operation({
    group: 'live',
    schema: closeVoteSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, ctx, input, { user }) {
      const rule = await cellRules(deps.services.db, ctx.meeting.cell_id);
      const { vote, numbers, ballots } = await deps.docs.read(input.meetingId, (doc) => ({
        vote: meetingDoc.votes(doc).get(input.voteId),
        numbers: attendanceNumbers(ctx, doc),
        ballots: Array.from(meetingDoc.ballots(doc).values()).filter((b) => b.voteId === input.voteId),
      }));
      if (!vote) refuse('vote_not_found', 'closeVote', user.id);
      if (vote.state !== 'open') refuse('vote_closed', 'closeVote', user.id);
      let counts = vote.counts;
      let countedFrom = vote.countedFrom ?? (counts ? 'hands' : undefined);
      if (!counts && vote.method === 'confirmation') {
        counts = { for: 0, against: 0, other: 0 };
        for (const ballot of ballots) counts[ballot.choice]++;
        countedFrom = 'confirmations';
        // Two taps out of nine present is not the room's decision: the chair must see that and say so.
        if (ballots.length < numbers.present && !input.acceptIncomplete)
          refuse('vote_confirmations_incomplete', 'closeVote', user.id, {
            confirmed: ballots.length,
            present: numbers.present,
          });
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
        ...(countedFrom ? { countedFrom } : {}),
        rule: rule.vote,
        present: numbers.present,
        base: outcome.base,
        percent: outcome.percent,
        passed: outcome.passed,
      };
      await deps.docs.change(input.meetingId, (doc) => meetingDoc.votes(doc).set(vote.id, result));
      projectSoon(deps, input.meetingId);
      return result;
    },
  }),

  /**
   * The chair reopens a vote closed by mistake, until the minutes are
   * approved. The counts and confirmations stay; the outcome goes until it is
   * closed again; the reopening is kept in the vote's record. Reopening the
   * vote on the minutes takes back the confirmations that relied on it.
   */
  reopenVote: operation({
    group: 'live',
    schema: reopenVoteSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, ctx, input, caller) {
      const vote = await deps.docs.read(input.meetingId, (doc) => meetingDoc.votes(doc).get(input.voteId));
      if (!vote) refuse('vote_not_found', 'reopenVote', caller.user.id);
      if (vote.state !== 'closed') refuse('vote_not_closed', 'reopenVote', caller.user.id);
      const at = new Date().toISOString();
      const reopened: VoteRecord = {
        id: vote.id,
        subject: vote.subject,
        title: vote.title,
        method: vote.method,
        state: 'open',
        openedAt: vote.openedAt,
        openedBy: vote.openedBy,
        ...(vote.counts && vote.countedFrom === 'hands' ? { counts: vote.counts, countedFrom: 'hands' } : {}),
        ...(vote.otherOpinions ? { otherOpinions: vote.otherOpinions } : {}),
        reopenings: [...(vote.reopenings ?? []), { at, by: caller.user.id }],
      };
      if (vote.subject === 'minutes') {
        await deps.services.db.deleteFrom('acknowledgments').where('meeting_id', '=', input.meetingId).execute();
      }
      await deps.docs.change(input.meetingId, (doc) => meetingDoc.votes(doc).set(vote.id, reopened));
      await auditAs(deps, caller, {
        action: 'vote.reopened',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { voteId: vote.id, title: vote.title, passed: vote.passed ?? null },
      });
      projectSoon(deps, input.meetingId);
    },
    refresh: true,
  }),
};
