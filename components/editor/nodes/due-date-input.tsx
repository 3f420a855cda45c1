'use client';

import { useId, useState } from 'react';
import { formatDueDate, parseDueDate } from '../../../lib/due-date';
import { useI18n } from '../../i18n-provider';

type Problem = { reason: 'unreadable' } | { reason: 'no_such_day'; typed: string };

/**
 * A task's due date, typed day first (15/12/2026, 5/1/2027, also with "-" or
 * ".") or picked on the phone's own calendar, and stored as YYYY-MM-DD. A
 * typed date is written into the minutes when the field is left or Enter is
 * pressed, and only if it is a real date; otherwise the field says why under
 * itself and the minutes keep the previous date. A picked date is written at
 * once.
 */
export function DueDateInput({ value, onCommit }: { value: string | null; onCommit: (value: string | null) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value ? formatDueDate(value) : '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const inputId = useId();
  const errorId = useId();

  function commit() {
    const typed = draft.trim();
    if (typed === '') {
      setProblem(null);
      if (value !== null) onCommit(null);
      return;
    }
    const reading = parseDueDate(typed);
    if (!reading.ok) {
      setProblem(reading.reason === 'no_such_day' ? { reason: 'no_such_day', typed } : { reason: 'unreadable' });
      return;
    }
    setProblem(null);
    // The field shows what was stored, in one form, whichever way it was typed.
    setDraft(formatDueDate(reading.iso));
    if (reading.iso !== value) onCommit(reading.iso);
  }

  function pick(iso: string) {
    // An empty value comes from a half-typed date in a desktop browser's field, not from a choice: keep the date.
    if (!parseDueDate(iso).ok) return;
    setProblem(null);
    setDraft(formatDueDate(iso));
    if (iso !== value) onCommit(iso);
  }

  return (
    <div className="due-date">
      <label htmlFor={inputId}>{t('tasks.dueDate')}</label>
      <div className="due-date__row">
        <input
          id={inputId}
          type="text"
          // "text", not "numeric" or "decimal": the digit pads those open have no "/" (iOS shows digits only,
          // Android's "-" or "." vary by keyboard and locale), while every full keyboard has "/" on its first
          // page of symbols. The calendar beside the field is the quicker way on a phone.
          inputMode="text"
          autoComplete="off"
          placeholder={t('tasks.dueDatePlaceholder')}
          value={draft}
          maxLength={16}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
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
        {/*
          The phone's own date picker: the native date input lies, invisible, over a button-like label, so a tap
          anywhere on it is a tap on the input, which opens the picker on Android and iOS. Desktop browsers open
          it on a click only through showPicker().
        */}
        <span className="due-date__picker button button--secondary">
          <span aria-hidden="true">{t('tasks.dueDatePick')}</span>
          <input
            type="date"
            aria-label={t('tasks.dueDatePickLabel')}
            value={value ?? ''}
            onChange={(event) => pick(event.target.value)}
            onClick={(event) => {
              try {
                event.currentTarget.showPicker();
              } catch {
                // Not offered, or already open: the browser's own handling of the click stands.
              }
            }}
            data-testid="task-due-date-picker"
          />
        </span>
      </div>
      {problem && (
        <p id={errorId} className="field__error due-date__error" role="alert" data-testid="task-due-date-error">
          {problem.reason === 'no_such_day'
            ? t('tasks.dueDateNoSuchDay', { date: problem.typed })
            : t('tasks.dueDateUnreadable')}
        </p>
      )}
    </div>
  );
}
