import { todayIso } from '../../lib/format';
import { nextMeeting, REMINDER_DAYS, tasksComingDue } from '../../lib/reminders';
import type { MeetingOperations } from '../meeting';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';

/**
 * What the home page reminds a signed-in member of: the next meeting of the
 * cells they belong to (not those they only oversee or administer), the
 * documents attached to it, and their own tasks overdue or due within a week.
 * Every meeting and task comes through the read models, which ask the policy.
 */
export async function remindersFor(
  services: Services,
  records: MeetingOperations['records'],
  timeZone: string,
  user: SessionUser,
  now = new Date(),
) {
  const today = todayIso(timeZone, now);
  const subject = await services.organisations.subjectFor(user);
  const candidates = [];
  for (const membership of subject.memberships) {
    const cell = await services.organisations.getCell(membership.cellId);
    if (!cell) continue;
    for (const m of await records.listMeetings(user, cell.id))
      candidates.push({
        id: m.id,
        title: m.title,
        kind: m.kind,
        startsAt: m.starts_at,
        place: m.place,
        state: m.state,
        cellName: cell.name,
      });
  }
  const meeting = nextMeeting(candidates, today);
  const documents = meeting
    ? await services.db
        .selectFrom('attachments')
        .select(['id', 'name', 'size'])
        .where('meeting_id', '=', meeting.id)
        .orderBy('created_at')
        .execute()
    : [];
  const tasks = tasksComingDue(await records.myTasks(user), today);
  return { today, days: REMINDER_DAYS, meeting, documents, tasks, member: subject.memberships.length > 0 };
}

export type Reminders = Awaited<ReturnType<typeof remindersFor>>;
