import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import type { MeetingInput } from '../../lib/schemas';
import type { MeetingState } from '../../lib/domain';
import type { PMNode } from '../../lib/minutes/template';
import type { MeetingResource } from '../../lib/policy';
import { notFound } from '../errors';

/** Changes the filled-in template before it is encoded. */
export type ContentEditor = (content: PMNode) => PMNode;

/**
 * Builds the first state of a meeting's live document (the filled-in
 * template, optionally edited) and the title the template gives the meeting.
 */
export type InitialDocumentBuilder = (
  meeting: Meeting,
  editContent?: ContentEditor,
) => Promise<{ title: string; update: Uint8Array }>;

/** For meetings recorded after the fact (demo data, minutes kept on paper). */
export interface CreateMeetingOptions {
  /** Content written into the minutes before they are stored. */
  editContent?: ContentEditor;
  /** The state to start in; "scheduled" by default. */
  state?: MeetingState;
}

/** Meetings of a cell. Each meeting owns one live document whose id is the meeting id. */
export function createMeetings(db: Db, buildInitialDocument: InitialDocumentBuilder) {
  const service = {
    /**
     * Creates the meeting and stores its prefilled document in the same
     * transaction: a meeting never exists without its minutes, and the
     * template is applied once, here, never by a browser.
     */
    async createMeeting(
      cellId: string,
      input: MeetingInput,
      createdBy: string | null,
      options: CreateMeetingOptions = {},
    ): Promise<Meeting> {
      const cell = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', cellId)
        .where('kind', '=', 'cell')
        .executeTakeFirst();
      if (!cell) throw notFound('cell_not_found');
      const now = new Date().toISOString();
      const meeting: Meeting = {
        id: randomUUID(),
        cell_id: cellId,
        kind: input.kind,
        title: input.title ?? '',
        starts_at: input.startsAt,
        place: input.place,
        state: options.state ?? 'scheduled',
        created_by: createdBy,
        created_at: now,
        started_at: null,
        ended_at: null,
        chair_id: null,
        secretary_id: null,
        approved_at: null,
        content_hash: null,
        draft_resolution_ready_at: null,
        notified_at: null,
        topic: input.topic ?? null,
        presenter_id: null,
        classification: input.classification ?? 'normal',
        not_held_reason: null,
        not_held_note: null,
        not_held_at: null,
        not_held_by: null,
      };
      const initial = await buildInitialDocument(meeting, options.editContent);
      if (!meeting.title) meeting.title = initial.title;
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('meetings').values(meeting).execute();
        await trx
          .insertInto('doc_updates')
          .values({ doc_id: meeting.id, data: initial.update, created_at: now })
          .execute();
      });
      return meeting;
    },

    async getMeeting(id: string): Promise<Meeting | null> {
      return (await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },

    /** The meeting with what the permission policy needs to know about it. */
    async getMeetingWithResource(id: string): Promise<{ meeting: Meeting; resource: MeetingResource } | null> {
      const meeting = await service.getMeeting(id);
      if (!meeting) return null;
      return { meeting, resource: (await service.resourcesOf([meeting]))[0]! };
    },

    /** The policy's view of several meetings (invitees read in one query). */
    async resourcesOf(meetings: readonly Meeting[]): Promise<MeetingResource[]> {
      const committee = meetings.filter((m) => m.kind === 'committee').map((m) => m.id);
      const invitees = committee.length
        ? await db
            .selectFrom('meeting_invitees')
            .select(['meeting_id', 'user_id'])
            .where('meeting_id', 'in', committee)
            .execute()
        : [];
      return meetings.map((m) => ({
        cellId: m.cell_id,
        kind: m.kind,
        classification: m.classification,
        state: m.state,
        chairId: m.chair_id,
        secretaryId: m.secretary_id,
        invitees: invitees.filter((i) => i.meeting_id === m.id).map((i) => i.user_id),
      }));
    },

    async requireMeeting(id: string): Promise<Meeting> {
      const meeting = await service.getMeeting(id);
      if (!meeting) throw notFound('meeting_not_found');
      return meeting;
    },

    async listMeetings(cellId: string): Promise<Meeting[]> {
      return db.selectFrom('meetings').selectAll().where('cell_id', '=', cellId).orderBy('starts_at', 'desc').execute();
    },
  };
  return service;
}

export type Meetings = ReturnType<typeof createMeetings>;
