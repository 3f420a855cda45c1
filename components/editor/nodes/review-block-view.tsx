'use client';

import { NodeViewWrapper } from '@tiptap/react';
import { formatDay } from '../../../lib/format';
import { useI18n } from '../../i18n-provider';
import { useLiveReview } from '../../meeting/use-live-state';

/**
 * Last month's resolution under review: the unfinished tasks of earlier
 * meetings, kept in step by the server, each with who was assigned, when it
 * was due, how far it got and which meeting set it.
 */
export function ReviewBlockView() {
  const { t, locale } = useI18n();
  const items = useLiveReview();
  return (
    <NodeViewWrapper className="minutes-review" data-testid="review-block" data-count={items.length}>
      <p className="minutes-block__title">{t('review.title')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('review.none')}</p>
      ) : (
        <ol className="review-list">
          {items.map((item) => (
            <li key={item.taskId} data-testid="review-item" data-task-id={item.taskId} data-status={item.status}>
              <p className="review-list__text">{item.text}</p>
              <p className="review-list__facts">
                {t('tasks.assignees')}{' '}
                {item.assignees.length > 0 ? item.assignees.map((a) => a.name).join(', ') : t('tasks.noAssignee')}
                {' · '}
                {t('tasks.dueDate')}: {item.dueDate ? formatDay(item.dueDate, locale) : t('tasks.noDueDate')}
                {' · '}
                {t('tasks.status')}: {t(`taskStatus.${item.status}`)}
              </p>
              <p className="muted">{t('review.setBy', { meeting: item.meetingTitle })}</p>
            </li>
          ))}
        </ol>
      )}
    </NodeViewWrapper>
  );
}
