import type { ReviewItem } from '../../lib/meeting-doc/layout';
import { mayReviewTasksOf } from '../../lib/policy';
import { selectCarryOver } from '../../lib/rules/tasks';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import { log } from '../log';
import { replaceReview } from './doc-edits';
import type { MeetingDocs } from './docs';

/** Every task of a cell with its meeting and assignees. */
export async function cellTasks(db: Db, cellId: string) {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .select([
      't.id',
      't.body',
      't.due_date',
      't.status',
      't.meeting_id',
      't.position',
      'm.title as meetingTitle',
      'm.starts_at as meetingStartsAt',
      'm.kind as meetingKind',
      'm.classification as meetingClassification',
    ])
    .where('t.cell_id', '=', cellId)
    .execute();
  const assignees = rows.length
    ? await db
        .selectFrom('task_assignees as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.task_id', 'u.id as userId', 'u.name', 'a.position'])
        .where(
          'a.task_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('a.position')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    dueDate: r.due_date,
    status: r.status,
    meetingId: r.meeting_id,
    meetingTitle: r.meetingTitle,
    meetingStartsAt: r.meetingStartsAt,
    meetingKind: r.meetingKind,
    meetingClassification: r.meetingClassification,
    position: r.position,
    assignees: assignees.filter((a) => a.task_id === r.id).map((a) => ({ userId: a.userId, name: a.name })),
  }));
}

/**
 * The review list of a meeting: unfinished tasks set by earlier meetings of
 * its cell that everyone who reads this meeting may know of.
 */
export async function reviewItemsFor(
  db: Db,
  meeting: Pick<Meeting, 'id' | 'cell_id' | 'starts_at' | 'kind' | 'classification'>,
): Promise<ReviewItem[]> {
  const tasks = (await cellTasks(db, meeting.cell_id)).filter((t) =>
    mayReviewTasksOf({ kind: t.meetingKind, classification: t.meetingClassification }, meeting),
  );
  return selectCarryOver(tasks, { id: meeting.id, startsAt: meeting.starts_at }).map((t) => ({
    taskId: t.id,
    text: t.body,
    assignees: t.assignees,
    dueDate: t.dueDate,
    status: t.status,
    meetingId: t.meetingId,
    meetingTitle: t.meetingTitle,
  }));
}

/**
 * Brings the review section of every open meeting of a cell in step with the
 * tasks in the database: called when a meeting is created, when tasks are
 * projected or followed up, and when minutes are approved. A sealed meeting's
 * review stays as it was approved.
 */
export async function refreshReviews(db: Db, docs: MeetingDocs, cellId: string): Promise<void> {
  const open = await db
    .selectFrom('meetings')
    .select(['id', 'cell_id', 'starts_at', 'kind', 'classification'])
    .where('cell_id', '=', cellId)
    .where('state', 'in', ['scheduled', 'in_progress'])
    .execute();
  for (const meeting of open) {
    try {
      const items = await reviewItemsFor(db, meeting);
      await docs.change(meeting.id, (doc) => replaceReview(doc, items));
    } catch (error) {
      log.error('meeting.review_refresh_failed', { meetingId: meeting.id, error: String(error) });
    }
  }
}
