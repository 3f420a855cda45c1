import Link from 'next/link';
import { formatDay, formatStartsAt } from '../lib/format';
import type { Locale, Translate } from '../lib/i18n';
import type { Reminders as RemindersData } from '../server/sharing/reminders';

/**
 * Việc cần nhớ, first on the home page: the next meeting (when, where),
 * the documents to read before it, and the member's own tasks overdue or
 * coming due. Large type, one column, links big enough for a thumb.
 */
export function Reminders({ t, locale, data }: { t: Translate; locale: Locale; data: RemindersData }) {
  const { meeting, documents, tasks } = data;
  return (
    <section className="card reminders" aria-labelledby="reminders-heading" data-testid="reminders">
      <h2 id="reminders-heading">{t('reminders.title')}</h2>

      <h3>{t('reminders.nextMeeting')}</h3>
      {meeting ? (
        <div data-testid="reminder-meeting" data-meeting-id={meeting.id}>
          <p className="reminders__big">
            <strong>{meeting.title || t(`meetingKind.${meeting.kind}`)}</strong>
          </p>
          <p className="reminders__big" data-testid="reminder-meeting-time">
            {formatStartsAt(meeting.startsAt, locale)}
          </p>
          <p className="reminders__big">
            {t('reminders.at')}: {meeting.place}
          </p>
          <p className="muted">{meeting.cellName}</p>
          <p>
            <Link href={`/meetings/${meeting.id}`} className="button" data-testid="reminder-meeting-link">
              {t('reminders.open')}
            </Link>
          </p>
          <h3>{t('reminders.documents')}</h3>
          {documents.length === 0 ? (
            <p className="muted">{t('reminders.noDocuments')}</p>
          ) : (
            <ul className="plain-list reminders__list" data-testid="reminder-documents">
              {documents.map((d) => (
                <li key={d.id}>
                  <a href={`/api/attachments/${d.id}`} download={d.name} data-testid="reminder-document">
                    {d.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="muted" data-testid="reminder-no-meeting">
          {t('reminders.noMeeting')}
        </p>
      )}

      <h3>{t('reminders.tasks')}</h3>
      {tasks.length === 0 ? (
        <p className="muted" data-testid="reminder-no-tasks">
          {t('reminders.noTasks', { days: data.days })}
        </p>
      ) : (
        <ul className="plain-list reminders__list" data-testid="reminder-tasks">
          {tasks.map((task) => (
            <li key={task.id} data-testid="reminder-task" data-overdue={task.overdue ? 'true' : 'false'}>
              <span className="reminders__big">{task.body}</span>
              <br />
              <span className={task.overdue ? 'badge badge--warning' : 'muted'}>
                {task.overdue
                  ? t('reminders.overdue', { date: formatDay(task.dueDate, locale) })
                  : t('reminders.due', { date: formatDay(task.dueDate, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/tasks" className="button button--secondary">
          {t('reminders.allTasks')}
        </Link>
      </p>
    </section>
  );
}
