/** How many days ahead the home page reminds a member of their tasks. */
export const REMINDER_DAYS = 7;

/** A calendar day (YYYY-MM-DD) `days` later. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The meeting to remind of: the soonest one still to be held (scheduled, or
 * under way today), from today (the organisation's date) on.
 */
export function nextMeeting<T extends { startsAt: string; state: string }>(
  meetings: readonly T[],
  today: string,
): T | null {
  const coming = meetings
    .filter((m) => (m.state === 'scheduled' || m.state === 'in_progress') && m.startsAt.slice(0, 10) >= today)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return coming[0] ?? null;
}

/**
 * A member's tasks to remind of: unfinished, with a due date that has passed
 * or falls within `days` days; overdue first, then by due date.
 */
export function tasksComingDue<T extends { status: string; dueDate: string | null }>(
  tasks: readonly T[],
  today: string,
  days = REMINDER_DAYS,
): (T & { dueDate: string; overdue: boolean })[] {
  const horizon = addDays(today, days);
  return tasks
    .filter((t): t is T & { dueDate: string } => t.status !== 'done' && t.dueDate !== null && t.dueDate <= horizon)
    .map((t) => ({ ...t, overdue: t.dueDate < today }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
