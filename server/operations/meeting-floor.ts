import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { meetingDoc, readSession, type SpeakerRequest } from '../../lib/meeting-doc/layout';
import { addSpeakerSchema, floorDecisionSchema, floorRequestSchema } from '../../lib/meeting-schemas';
import { canWithdrawFloor } from '../../lib/policy';
import { ensure } from '../meeting/context';
import { insertInSection } from '../meeting/doc-edits';
import { operation } from './define';
import { memberOf, onMeeting, refuse } from './meeting-scope';

/** The speaker list: asking for the floor, giving it, and the opinion block each turn leaves in the minutes. */
export const floorOperations = {
  /** A member asks for the floor; asking twice keeps one place in the list. */
  requestFloor: operation({
    group: 'live',
    schema: floorRequestSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.participate,
    async run(deps, ctx, { meetingId }, { user }) {
      if (ctx.meeting.state !== 'in_progress') refuse('meeting_not_in_progress', 'requestFloor', user.id);
      const name = memberOf(ctx, user.id)?.name ?? user.name;
      return deps.docs.change(meetingId, (doc) => enqueueSpeaker(doc, user.id, name, user.id));
    },
  }),

  /**
   * The chair puts a member on the speaker list who raised a hand in the room
   * (many have no phone with them). Only a member of the cell not marked absent.
   */
  addSpeaker: operation({
    group: 'live',
    schema: addSpeakerSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, ctx, input, { user }) {
      if (ctx.meeting.state !== 'in_progress') refuse('meeting_not_in_progress', 'addSpeaker', user.id);
      const member = memberOf(ctx, input.userId);
      if (!member) refuse('not_a_member', 'addSpeaker', user.id, { target: input.userId });
      const mark = await deps.docs.read(input.meetingId, (doc) => meetingDoc.attendance(doc).get(member.userId));
      if (mark?.status === 'absent_with_reason' || mark?.status === 'absent_without_reason')
        refuse('speaker_not_present', 'addSpeaker', user.id, { target: member.userId });
      return deps.docs.change(input.meetingId, (doc) => enqueueSpeaker(doc, member.userId, member.name, user.id));
    },
  }),

  /** A member withdraws their own request; the chair may remove anyone's. */
  withdrawFloor: operation({
    group: 'live',
    schema: floorDecisionSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.participate || ctx.permissions.chair,
    async run(deps, ctx, input) {
      const request = await deps.docs.read(input.meetingId, (doc) => meetingDoc.speakers(doc).get(input.requestId));
      if (!request) return;
      // Whose request it is decides; the policy says so before anything is written.
      ensure(canWithdrawFloor(ctx.subject, ctx.permissions, request));
      if (request.state !== 'waiting') return;
      await deps.docs.change(input.meetingId, (doc) =>
        meetingDoc.speakers(doc).set(request.id, { ...request, state: 'withdrawn' }),
      );
    },
  }),

  /**
   * The chair gives the floor: the speaker's turn becomes an opinion block
   * "Đồng chí <name>: …" at the end of the current section, attributed from
   * the speaker record (the only place an opinion's speaker comes from).
   */
  giveFloor: operation({
    group: 'live',
    schema: floorDecisionSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, ctx, input, { user }) {
      if (ctx.meeting.state !== 'in_progress') refuse('meeting_not_in_progress', 'giveFloor', user.id);
      const request = await deps.docs.read(input.meetingId, (doc) => meetingDoc.speakers(doc).get(input.requestId));
      if (!request || request.state !== 'waiting') refuse('floor_request_not_waiting', 'giveFloor', user.id);
      const opinionId = randomUUID();
      await deps.docs.change(input.meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        for (const other of speakers.values()) {
          if (other.state === 'speaking') speakers.set(other.id, { ...other, state: 'done' });
        }
        insertInSection(doc, readSession(doc).currentSectionId, 'opinion', {
          id: opinionId,
          speakerId: request.userId,
          speakerName: request.name,
        });
        speakers.set(request.id, { ...request, state: 'speaking', opinionId });
      });
      return { opinionId };
    },
  }),

  /** The speaker's turn ends. */
  finishFloor: operation({
    group: 'live',
    schema: floorDecisionSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.chair,
    async run(deps, _ctx, input) {
      await deps.docs.change(input.meetingId, (doc) => {
        const speakers = meetingDoc.speakers(doc);
        const request = speakers.get(input.requestId);
        if (request?.state === 'speaking') speakers.set(request.id, { ...request, state: 'done' });
      });
    },
  }),
};

/** Puts a member on the speaker list, or returns their place if they are on it already. */
function enqueueSpeaker(doc: Y.Doc, userId: string, name: string, addedBy: string): { requestId: string } {
  const speakers = meetingDoc.speakers(doc);
  for (const request of speakers.values()) {
    if (request.userId === userId && (request.state === 'waiting' || request.state === 'speaking'))
      return { requestId: request.id };
  }
  const request: SpeakerRequest = {
    id: randomUUID(),
    userId,
    name,
    requestedAt: new Date().toISOString(),
    state: 'waiting',
    ...(addedBy !== userId ? { addedBy } : {}),
  };
  speakers.set(request.id, request);
  return { requestId: request.id };
}
