import { taskStatusSchema } from '../../lib/meeting-schemas';
import { canFollowUpTask, canSeeMeeting, type Subject } from '../../lib/policy';
import { notFound } from '../errors';
import { refreshReviews } from '../meeting/carry-over';
import { operation } from './define';

interface TaskContext {
  subject: Subject;
  task: { id: string; cellId: string; assigneeIds: string[] };
}

/** Follow-up of tasks after the meeting: written to the database, never into locked minutes. */
export const taskOperations = {
  /** Sets a task's status; its assignees or the cell's managers may. */
  setTaskStatus: operation({
    group: 'followUp',
    schema: taskStatusSchema,
    async load(deps, { user }, input): Promise<TaskContext> {
      const { db, meetings, organisations } = deps.services;
      const row = await db
        .selectFrom('tasks')
        .select(['id', 'cell_id', 'meeting_id'])
        .where('id', '=', input.taskId)
        .executeTakeFirst();
      const found = row ? await meetings.getMeetingWithResource(row.meeting_id) : null;
      const subject = await organisations.subjectFor(user);
      // A task of a meeting the user may not see does not exist for them.
      if (!row || !found || !canSeeMeeting(subject, found.resource)) throw notFound('task_not_found');
      const assignees = await db.selectFrom('task_assignees').select('user_id').where('task_id', '=', row.id).execute();
      return { subject, task: { id: row.id, cellId: row.cell_id, assigneeIds: assignees.map((a) => a.user_id) } };
    },
    allowed: (ctx) => canFollowUpTask(ctx.subject, ctx.task),
    serialise: (input) => `task:${input.taskId}`,
    refresh: true,
    async run(deps, ctx, input, { user }) {
      await deps.services.db
        .updateTable('tasks')
        .set({ status: input.status, updated_at: new Date().toISOString(), updated_by: user.id })
        .where('id', '=', ctx.task.id)
        .execute();
      await refreshReviews(deps.services.db, deps.docs, ctx.task.cellId);
    },
  }),
};
