import Link from 'next/link';
import { formatDay } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';
import type { TaskStatus } from '../../lib/rules/tasks';
import { TaskStatusSelect } from './task-status-select';

export interface TaskItem {
  id: string;
  body: string;
  dueDate: string | null;
  status: TaskStatus;
  overdue: boolean;
  meetingId: string;
  meetingTitle: string;
  cellId: string;
  cellName: string;
  assignees: { userId: string; name: string }[];
}

/**
 * One task as the lists show it: what to do, who, by when, which meeting set
 * it, and (for those who may) its status to change. Overdue tasks say so in
 * words, not only in colour.
 */
export function TaskCard({
  t,
  locale,
  task,
  canChange,
  testId,
  showCell,
}: {
  t: Translate;
  locale: Locale;
  task: TaskItem;
  canChange: boolean;
  testId: string;
  showCell: boolean;
}) {
  return (
    <li
      className={`task-card${task.overdue ? ' task-card--overdue' : ''}`}
      data-testid={testId}
      data-task-id={task.id}
      data-status={task.status}
      data-overdue={task.overdue ? 'true' : 'false'}
    >
      <p className="task-card__body">{task.body || t('tasks.untitled')}</p>
      {task.overdue && (
        <p>
          <span className="badge badge--danger" data-testid="task-overdue">
            {t('tasks.overdue')}
          </span>
        </p>
      )}
      <dl className="facts task-card__facts">
        <dt>{t('tasks.assignees')}</dt>
        <dd>{task.assignees.length > 0 ? task.assignees.map((a) => a.name).join(', ') : t('tasks.noAssignee')}</dd>
        <dt>{t('tasks.dueDate')}</dt>
        <dd>{task.dueDate ? formatDay(task.dueDate, locale) : t('tasks.noDueDate')}</dd>
        <dt>{t('tasks.setBy')}</dt>
        <dd>
          <Link href={`/meetings/${task.meetingId}`}>{task.meetingTitle}</Link>
          {showCell && ` · ${task.cellName}`}
        </dd>
        {!canChange && (
          <>
            <dt>{t('tasks.status')}</dt>
            <dd>{t(`taskStatus.${task.status}`)}</dd>
          </>
        )}
      </dl>
      {canChange && (
        <TaskStatusSelect
          key={task.status}
          taskId={task.id}
          status={task.status}
          testId={`${testId.replace(/-item$/, '')}-status`}
        />
      )}
    </li>
  );
}
