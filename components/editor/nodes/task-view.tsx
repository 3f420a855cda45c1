'use client';

import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import type { TaskAssignee } from '../../../lib/editor/nodes';
import { formatDay, todayIso } from '../../../lib/format';
import { TASK_STATUSES, isOverdue, type TaskStatus } from '../../../lib/rules/tasks';
import { useI18n } from '../../i18n-provider';
import { useLiveMeeting } from '../../meeting/live-meeting-provider';
import { AssigneePicker } from './assignee-picker';
import { DueDateInput } from './due-date-input';
import { useMinutesEditable } from './editable-context';

/**
 * A task of the resolution inside the minutes: its text is edited like any
 * other text; assignees, due date and status are attributes of the same
 * node, so everyone editing the minutes sees them change live.
 */
export function TaskView({ node, updateAttributes }: ReactNodeViewProps) {
  const { t, locale, timeZone } = useI18n();
  const { view } = useLiveMeeting();
  const editable = useMinutesEditable();
  const statusId = useId();
  const assignees = (Array.isArray(node.attrs.assignees) ? node.attrs.assignees : []) as TaskAssignee[];
  const dueDate = (node.attrs.dueDate as string | null) ?? null;
  const status = (
    (TASK_STATUSES as readonly string[]).includes(node.attrs.status) ? node.attrs.status : 'not_started'
  ) as TaskStatus;
  // In sealed minutes the node holds the status at sealing; the task board holds today's.
  const today = typeof node.attrs.id === 'string' ? view.taskStatuses[node.attrs.id] : undefined;
  const overdue = isOverdue(today ?? { status, dueDate }, todayIso(timeZone));

  return (
    <NodeViewWrapper
      className={`minutes-task${overdue ? ' minutes-task--overdue' : ''}`}
      data-testid="task-node"
      data-task-id={node.attrs.id ?? undefined}
      data-status={status}
      data-due-date={dueDate ?? undefined}
      data-overdue={overdue ? 'true' : undefined}
    >
      <div className="minutes-task__label" contentEditable={false} suppressContentEditableWarning>
        {t('tasks.label')}
      </div>
      <NodeViewContent className="task-text" data-testid="task-text" />
      <div className="minutes-task__meta" contentEditable={false} suppressContentEditableWarning>
        <div className="minutes-task__assignees">
          <span>{t('tasks.assignees')}</span>
          {assignees.length === 0 && <span className="muted">{t('tasks.noAssignee')}</span>}
          {assignees.map((assignee) => (
            <span key={assignee.userId} className="chip" data-testid="task-assignee" data-user-id={assignee.userId}>
              <span data-testid="task-assignee-name">{assignee.name}</span>
              {editable && (
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('tasks.removeAssignee', { name: assignee.name })}
                  onClick={() => updateAttributes({ assignees: assignees.filter((a) => a.userId !== assignee.userId) })}
                  data-testid="task-assignee-remove"
                >
                  ×
                </button>
              )}
            </span>
          ))}
          {editable && (
            <AssigneePicker
              members={view.members}
              assigned={assignees}
              onPick={(picked) => updateAttributes({ assignees: [...assignees, picked] })}
            />
          )}
        </div>
        {editable ? (
          <div className="minutes-task__fields">
            {/* Remounted when the date changes elsewhere, so the field shows the new one. */}
            <DueDateInput
              key={dueDate ?? ''}
              value={dueDate}
              onCommit={(value) => updateAttributes({ dueDate: value })}
            />
            <div className="task-status-field">
              <label htmlFor={statusId}>{t('tasks.status')}</label>
              <select
                id={statusId}
                value={status}
                onChange={(event) => updateAttributes({ status: event.target.value })}
                data-testid="task-status"
              >
                {TASK_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {t(`taskStatus.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : (
          <p className="minutes-task__facts">
            {t('tasks.dueDate')}: {dueDate ? formatDay(dueDate, locale) : t('tasks.noDueDate')} ·{' '}
            {today ? (
              <>
                <span data-testid="task-status-sealed">
                  {t('tasks.statusAtSealing', { status: t(`taskStatus.${status}`) })}
                </span>{' '}
                ·{' '}
                <strong data-testid="task-status-today" data-status={today.status}>
                  {t('tasks.statusToday', { status: t(`taskStatus.${today.status}`) })}
                </strong>
              </>
            ) : (
              <>
                {t('tasks.status')}: {t(`taskStatus.${status}`)}
              </>
            )}
          </p>
        )}
        {overdue && (
          <span className="badge badge--danger" data-testid="task-overdue">
            {t('tasks.overdue')}
          </span>
        )}
      </div>
    </NodeViewWrapper>
  );
}
