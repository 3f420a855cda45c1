import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  amendmentSchema,
  ATTACHMENT_MAX_BYTES,
  guidanceSchema,
  ATTACHMENT_TYPES,
  inviteeSchema,
  preparationSchema,
} from '../../lib/meeting-schemas';
import { canGiveGuidance } from '../../lib/policy';
import { AppError, invalidInput } from '../errors';
import { listSections } from '../meeting/doc-edits';
import { auditAs, operation } from './define';
import { memberOf, onMeeting, refuse } from './meeting-scope';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const attachmentSchema = z.object({
  meetingId: z.string().uuid('invalid_id'),
  name: z.string(),
  type: z.string(),
  bytes: z.instanceof(Uint8Array),
});

/** Around the meeting: preparation, documents, who is invited to a committee meeting, and amendments after it. */
export const followUpOperations = {
  /** A dated, signed correction appended under approved minutes; the minutes themselves never change. */
  amend: operation({
    group: 'followUp',
    schema: amendmentSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.amend,
    refresh: true,
    async run(deps, ctx, input, caller) {
      const { user } = caller;
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      // The signature binds author, time, meeting, sealed hash and text together.
      const hash = sha256(
        JSON.stringify([id, input.meetingId, ctx.meeting.content_hash, user.id, createdAt, input.body]),
      );
      await deps.services.db
        .insertInto('amendments')
        .values({
          id,
          meeting_id: input.meetingId,
          body: input.body,
          author_id: user.id,
          content_hash: hash,
          created_at: createdAt,
        })
        .execute();
      await auditAs(deps, caller, {
        action: 'minutes.amended',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { amendmentId: id, hash },
      });
      return { id, hash };
    },
  }),

  /**
   * An overseer's guidance on approved minutes, on the whole record or on
   * one of its sections. A record of its own, with author and time: the
   * minutes stay exactly as sealed. The cell reads it on the meeting and in
   * the preparation of its next meeting.
   */
  giveGuidance: operation({
    group: 'followUp',
    schema: guidanceSchema,
    ...onMeeting,
    allowed: (ctx) => canGiveGuidance(ctx.subject, ctx.resource),
    refresh: true,
    async run(deps, ctx, input, caller) {
      let sectionTitle: string | null = null;
      if (input.sectionId) {
        const section = await deps.docs.read(input.meetingId, (doc) =>
          listSections(doc).find((s) => s.sectionId === input.sectionId),
        );
        if (!section) throw invalidInput({ sectionId: 'unknown_section' });
        sectionTitle = section.title.replace(/\s+/g, ' ').trim();
      }
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      await deps.services.db
        .insertInto('guidance')
        .values({
          id,
          meeting_id: input.meetingId,
          cell_id: ctx.meeting.cell_id,
          author_id: caller.user.id,
          section_id: input.sectionId ?? null,
          section_title: sectionTitle,
          body: input.body,
          created_at: createdAt,
        })
        .execute();
      await auditAs(deps, caller, {
        action: 'guidance.given',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { guidanceId: id, sectionId: input.sectionId ?? null },
      });
      return { id };
    },
  }),

  /** Ticks or unticks a preparation step (draft resolution ready, members notified). */
  setPreparation: operation({
    group: 'followUp',
    schema: preparationSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.manage,
    refresh: true,
    async run(deps, _ctx, input) {
      const value = input.done ? new Date().toISOString() : null;
      await deps.services.db
        .updateTable('meetings')
        .set(input.item === 'draft_resolution' ? { draft_resolution_ready_at: value } : { notified_at: value })
        .where('id', '=', input.meetingId)
        .execute();
    },
  }),

  /** Stores a document for the meeting; size and type are checked here, whatever the browser said. */
  uploadAttachment: operation({
    group: 'followUp',
    schema: attachmentSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.upload,
    refresh: true,
    async run(deps, _ctx, input, { user }) {
      const name = input.name.trim().slice(0, 200);
      if (!name) throw invalidInput({ file: 'required' });
      if (input.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new AppError('attachment_too_large', 413);
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(input.type)) throw new AppError('attachment_type', 415);
      const id = randomUUID();
      await deps.services.db
        .insertInto('attachments')
        .values({
          id,
          meeting_id: input.meetingId,
          name,
          mime: input.type,
          size: input.bytes.byteLength,
          sha256: sha256(input.bytes),
          data: input.bytes,
          uploaded_by: user.id,
          created_at: new Date().toISOString(),
        })
        .execute();
      return { id };
    },
  }),

  /** The cell committee invites a member of the cell to one of its own meetings (họp chi ủy). */
  inviteToMeeting: operation({
    group: 'followUp',
    schema: inviteeSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.manage,
    refresh: true,
    async run(deps, ctx, input, caller) {
      const { user } = caller;
      if (ctx.meeting.kind !== 'committee') refuse('not_a_committee_meeting', 'inviteToMeeting', user.id);
      if (!memberOf(ctx, input.userId)) refuse('not_a_member', 'inviteToMeeting', user.id);
      await deps.services.db
        .insertInto('meeting_invitees')
        .values({
          meeting_id: input.meetingId,
          user_id: input.userId,
          invited_by: user.id,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
        .execute();
      await auditAs(deps, caller, {
        action: 'meeting.invitee_added',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        subjectId: input.userId,
      });
    },
  }),

  /** Withdraws an invitation; the member's open connections to the meeting close at once. */
  removeInvitee: operation({
    group: 'followUp',
    schema: inviteeSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.manage,
    refresh: true,
    async run(deps, ctx, input, caller) {
      await deps.services.db
        .deleteFrom('meeting_invitees')
        .where('meeting_id', '=', input.meetingId)
        .where('user_id', '=', input.userId)
        .execute();
      await auditAs(deps, caller, {
        action: 'meeting.invitee_removed',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        subjectId: input.userId,
      });
      await deps.revalidateDocument(input.meetingId);
    },
  }),
};
