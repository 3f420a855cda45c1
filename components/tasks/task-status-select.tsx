'use client';

import { operationAction } from '../../app/actions/operation';
import { useId } from 'react';
import { TASK_STATUSES, type TaskStatus } from '../../lib/rules/tasks';
import { useI18n } from '../i18n-provider';
import { OperationError } from '../meeting/operation-error';
import { useOperation } from '../meeting/use-operation';

/** Changes a task's status from the task lists; the page is rendered again with the new status. */
export function TaskStatusSelect({ taskId, status, testId }: { taskId: string; status: TaskStatus; testId: string }) {
  const { t } = useI18n();
  const op = useOperation(t('errors.network'));
  const selectId = useId();
  return (
    <div className="field task-status-field">
      <label htmlFor={selectId}>{t('tasks.status')}</label>
      <select
        id={selectId}
        defaultValue={status}
        disabled={op.pending}
        onChange={(event) =>
          void op.run(() => operationAction('setTaskStatus', { taskId, status: event.target.value }))
        }
        data-testid={testId}
      >
        {TASK_STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`taskStatus.${value}`)}
          </option>
        ))}
      </select>
      <OperationError message={op.error} />
    </div>
  );
}
