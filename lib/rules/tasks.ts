export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'carried_over'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskForReview {
  id: string;
  meetingId: string;
  meetingStartsAt: string;
  status: TaskStatus;
  dueDate: string | null;
}

/** A task still needs review until it is done. */
function isUnfinished(status: TaskStatus): boolean {
  return status !== 'done';
}

/**
 * The tasks a meeting reviews: every unfinished task set by an earlier
 * meeting of the same cell, oldest meeting first, then by due date.
 */
export function selectCarryOver<T extends TaskForReview>(
  tasks: readonly T[],
  meeting: { id: string; startsAt: string },
): T[] {
  return tasks
    .filter((t) => t.meetingId !== meeting.id && t.meetingStartsAt < meeting.startsAt && isUnfinished(t.status))
    .sort(
      (a, b) =>
        a.meetingStartsAt.localeCompare(b.meetingStartsAt) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.id.localeCompare(b.id),
    );
}

/** Overdue: unfinished and past its due date (YYYY-MM-DD, compared with today's local date). */
export function isOverdue(task: { status: TaskStatus; dueDate: string | null }, today: string): boolean {
  return task.dueDate !== null && isUnfinished(task.status) && task.dueDate < today;
}
