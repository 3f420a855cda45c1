import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  amendmentSchema,
  cellSettingsSchema,
  oversightSchema,
  overseerRemovalSchema,
  preparationSchema,
  taskStatusSchema,
} from '../../lib/meeting-schemas';
import { canManageCell } from '../auth/policy';
import { AppError, invalidInput, notFound } from '../errors';
import { log } from '../log';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { refreshReviews } from './carry-over';
import { ensure, meetingContext } from './context';
import type { MeetingDocs } from './docs';
import { parseInput } from './input';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * What happens around and after the meeting: amendments to sealed minutes,
 * task follow-up (written to the database, never into locked minutes),
 * preparation, attachments, cell rules, overseers and the access log.
 */
export function createFollowUp(deps: { services: Services; docs: MeetingDocs }) {
  const { services, docs } = deps;
  const db = services.db;

  return {
    /** A dated, signed correction appended under approved minutes; the minutes themselves never change. */
    async amend(user: SessionUser, input: unknown): Promise<{ id: string; hash: string }> {
      const data = parseInput(amendmentSchema, input, 'amend', user.id);
      const ctx = await meetingContext(services, data.meetingId, user);
      ensure(ctx.caps.amend);
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      // The signature binds author, time, meeting, sealed hash and text together.
      const hash = sha256(
        JSON.stringify([id, data.meetingId, ctx.meeting.content_hash, user.id, createdAt, data.body]),
      );
      await db
        .insertInto('amendments')
        .values({
          id,
          meeting_id: data.meetingId,
          body: data.body,
          author_id: user.id,
          content_hash: hash,
          created_at: createdAt,
        })
        .execute();
      return { id, hash };
    },

    /** Follow-up of a task: its assignees or the cell's managers set its status. */
    async setTaskStatus(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(taskStatusSchema, input, 'setTaskStatus', user.id);
      const task = await db
        .selectFrom('tasks')
        .select(['id', 'cell_id'])
        .where('id', '=', data.taskId)
        .executeTakeFirst();
      if (!task) throw notFound('task_not_found');
      const subject = await services.organisations.subjectFor(user);
      const assigned = await db
        .selectFrom('task_assignees')
        .select('user_id')
        .where('task_id', '=', task.id)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      ensure(assigned !== undefined || canManageCell(subject, task.cell_id));
      await db
        .updateTable('tasks')
        .set({ status: data.status, updated_at: new Date().toISOString(), updated_by: user.id })
        .where('id', '=', task.id)
        .execute();
      await refreshReviews(db, docs, task.cell_id);
    },

    /** Marks a preparation step done or not done. */
    async setPreparation(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(preparationSchema, input, 'setPreparation', user.id);
      const ctx = await meetingContext(services, data.meetingId, user);
      ensure(ctx.caps.manage);
      const value = data.done ? new Date().toISOString() : null;
      await db
        .updateTable('meetings')
        .set(data.item === 'draft_resolution' ? { draft_resolution_ready_at: value } : { notified_at: value })
        .where('id', '=', data.meetingId)
        .execute();
    },

    /** Stores a document attached to a meeting; size and type are checked here, whatever the browser said. */
    async uploadAttachment(
      user: SessionUser,
      input: { meetingId: string; name: string; type: string; bytes: Uint8Array },
    ): Promise<{ id: string }> {
      const ctx = await meetingContext(services, input.meetingId, user);
      ensure(ctx.caps.manage || ctx.caps.record);
      const name = input.name.trim().slice(0, 200);
      if (!name) throw invalidInput({ file: 'required' });
      if (input.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new AppError('attachment_too_large', 413);
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(input.type)) throw new AppError('attachment_type', 415);
      const id = randomUUID();
      await db
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

    /** An attachment for download, to anyone who may read its meeting. */
    async readAttachment(
      user: SessionUser,
      attachmentId: string,
    ): Promise<{ name: string; mime: string; data: Uint8Array }> {
      if (!z.string().uuid().safeParse(attachmentId).success) throw notFound('not_found');
      const row = await db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
      if (!row) throw notFound('not_found');
      const ctx = await meetingContext(services, row.meeting_id, user);
      if (ctx.meeting.classification === 'secret') {
        log.warn('meeting.secret_attachment_read', { meetingId: row.meeting_id, userId: user.id, attachmentId });
      }
      return { name: row.name, mime: row.mime, data: new Uint8Array(row.data) };
    },

    /** The cell's vote rule and absence-streak threshold. */
    async saveCellSettings(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(cellSettingsSchema, input, 'saveCellSettings', user.id);
      const subject = await services.organisations.subjectFor(user);
      ensure(canManageCell(subject, data.cellId));
      const row = {
        vote_base: data.voteBase,
        vote_threshold: data.voteThreshold,
        absence_streak: data.absenceStreak,
        updated_at: new Date().toISOString(),
      };
      await db
        .insertInto('cell_settings')
        .values({ cell_id: data.cellId, ...row })
        .onConflict((oc) => oc.column('cell_id').doUpdateSet(row))
        .execute();
    },

    /** Attaches an overseer (cấp ủy viên phụ trách) to a cell by email; they read approved minutes. */
    async addOverseer(user: SessionUser, input: unknown): Promise<{ userId: string }> {
      const data = parseInput(oversightSchema, input, 'addOverseer', user.id);
      const subject = await services.organisations.subjectFor(user);
      ensure(canManageCell(subject, data.cellId));
      const overseer = await services.accounts.findByEmail(data.email);
      if (!overseer) throw notFound('user_not_found');
      await db
        .insertInto('oversights')
        .values({ user_id: overseer.id, cell_id: data.cellId, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'cell_id']).doNothing())
        .execute();
      return { userId: overseer.id };
    },

    /** Detaches an overseer from a cell. */
    async removeOverseer(user: SessionUser, input: unknown): Promise<void> {
      const data = parseInput(overseerRemovalSchema, input, 'removeOverseer', user.id);
      const subject = await services.organisations.subjectFor(user);
      ensure(canManageCell(subject, data.cellId));
      await db.deleteFrom('oversights').where('cell_id', '=', data.cellId).where('user_id', '=', data.userId).execute();
    },

    /** Records that a user opened a meeting (who has opened it; the access log of approved minutes). */
    async recordView(user: SessionUser, meetingId: string): Promise<void> {
      const now = new Date().toISOString();
      await db
        .insertInto('meeting_views')
        .values({ meeting_id: meetingId, user_id: user.id, first_at: now, last_at: now, count: 1 })
        .onConflict((oc) =>
          oc
            .columns(['meeting_id', 'user_id'])
            .doUpdateSet((eb) => ({ last_at: now, count: eb('meeting_views.count', '+', 1) })),
        )
        .execute();
    },
  };
}

export type FollowUp = ReturnType<typeof createFollowUp>;
