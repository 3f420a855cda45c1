'use client';

import { operationAction } from '../../app/actions/operation';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

export interface Checklist {
  agendaReady: boolean;
  draftResolutionReady: boolean;
  membersNotified: boolean;
  documentsAvailable: boolean;
}

type Item = { key: keyof Checklist; toggle?: 'draft_resolution' | 'notified' };
const ITEMS: Item[] = [
  { key: 'agendaReady' },
  { key: 'draftResolutionReady', toggle: 'draft_resolution' },
  { key: 'membersNotified', toggle: 'notified' },
  { key: 'documentsAvailable' },
];

/**
 * What the chi ủy must have ready before the meeting. The agenda and the
 * documents are checked from what is there; the draft resolution and the
 * notice to members are ticked by a manager, who knows.
 */
export function PreparationChecklist({
  meetingId,
  checklist,
  canToggle,
}: {
  meetingId: string;
  checklist: Checklist;
  canToggle: boolean;
}) {
  const { t } = useI18n();
  const op = useOperation(t('errors.network'));
  return (
    <div data-testid="preparation-checklist">
      <ul className="plain-list checklist">
        {ITEMS.map(({ key, toggle }) => {
          const done = checklist[key];
          return (
            <li
              key={key}
              className={`checklist__item checklist__item--${done ? 'done' : 'open'}`}
              data-testid="checklist-item"
              data-item={key}
              data-done={String(done)}
            >
              <span className="checklist__label">
                <span className="checklist__mark" aria-hidden="true">
                  {done ? '✓' : '○'}
                </span>
                <span className="checklist__text">
                  {t(`preparation.items.${key}`)}
                  <span className="visually-hidden"> — {done ? t('preparation.done') : t('preparation.notDone')}</span>
                </span>
              </span>
              {toggle && canToggle && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={op.pending}
                  onClick={() =>
                    void op.run(() => operationAction('setPreparation', { meetingId, item: toggle, done: !done }))
                  }
                  data-testid={`prep-${toggle.replace('_', '-')}`}
                  aria-pressed={done}
                >
                  {done ? t('preparation.markNotDone') : t('preparation.markDone')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <OperationError message={op.error} />
    </div>
  );
}
