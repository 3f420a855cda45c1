'use client';

import { useId, useState } from 'react';
import { dueDateSchema } from '../../../lib/meeting-schemas';
import { useI18n } from '../../i18n-provider';

/**
 * A task's due date typed as YYYY-MM-DD. It is written into the minutes when
 * the field is left or Enter is pressed, and only if it is a real date;
 * otherwise the field says why and the minutes keep the previous date.
 */
export function DueDateInput({ value, onCommit }: { value: string | null; onCommit: (value: string | null) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value ?? '');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();

  function commit() {
    const typed = draft.trim();
    if (typed === (value ?? '')) {
      setInvalid(false);
      return;
    }
    if (typed === '') {
      setInvalid(false);
      onCommit(null);
      return;
    }
    const parsed = dueDateSchema.safeParse(typed);
    setInvalid(!parsed.success);
    if (parsed.success) onCommit(parsed.data);
  }

  return (
    <div className="due-date">
      <label htmlFor={inputId}>{t('tasks.dueDate')}</label>
      <input
        id={inputId}
        type="text"
        inputMode="numeric"
        placeholder={t('tasks.dueDatePlaceholder')}
        value={draft}
        maxLength={10}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
        data-testid="task-due-date"
      />
      {invalid && (
        <span className="field__error" role="alert" data-testid="task-due-date-error">
          {t('errors.invalid_date')}
        </span>
      )}
    </div>
  );
}
