'use client';

import { useId, useState } from 'react';
import type { TaskAssignee } from '../../../lib/editor/nodes';
import type { MeetingMember } from '../../../lib/meeting-view';
import { foldForSearch } from '../../../lib/text-search';
import { useI18n } from '../../i18n-provider';

/** How many matches are offered at once: enough to find a name, few enough to read. */
const MAX_OPTIONS = 6;

/**
 * Picks a task's assignee among the cell's members by typing "@" and part of
 * a name. Only members can be chosen: there is no way to type in someone who
 * is not in the cell, so every assignee can be followed up.
 */
export function AssigneePicker({
  members,
  assigned,
  onPick,
}: {
  members: readonly MeetingMember[];
  assigned: readonly TaskAssignee[];
  onPick: (assignee: TaskAssignee) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const inputId = useId();
  const listId = useId();
  const needle = foldForSearch(query.replace(/^@/, ''));
  const open = query.length > 0;
  const taken = new Set(assigned.map((a) => a.userId));
  const options = open
    ? members.filter((m) => !taken.has(m.userId) && foldForSearch(m.name).includes(needle)).slice(0, MAX_OPTIONS)
    : [];

  function pick(member: MeetingMember) {
    onPick({ userId: member.userId, name: member.name });
    setQuery('');
  }

  return (
    <div className="assignee-picker">
      <label htmlFor={inputId} className="visually-hidden">
        {t('tasks.addAssignee')}
      </label>
      <input
        id={inputId}
        type="text"
        value={query}
        placeholder={t('tasks.assigneePlaceholder')}
        autoComplete="off"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (options[0]) pick(options[0]);
          } else if (event.key === 'Escape') {
            setQuery('');
          }
        }}
        data-testid="task-assignee-input"
      />
      {open && (
        <div id={listId} role="listbox" className="assignee-picker__options" data-testid="task-assignee-options">
          {options.length === 0 && <p className="muted">{t('tasks.noMatchingMember')}</p>}
          {options.map((member) => (
            <button
              key={member.userId}
              type="button"
              role="option"
              aria-selected={false}
              className="button button--secondary button--small"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(member)}
              data-testid="task-assignee-option"
              data-user-id={member.userId}
            >
              {member.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
