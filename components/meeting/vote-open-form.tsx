'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import { VOTE_METHODS, VOTE_SUBJECTS, type VoteMethod, type VoteSubject } from '../../lib/meeting-doc/layout';
import { meetingSchemas, refusalOf } from './form-check';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/** The chair puts a question to the vote; its result block appears in the current section of the minutes. */
export function VoteOpenForm({ meetingId }: { meetingId: string }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [subject, setSubject] = useState<VoteSubject>('resolution');
  const [title, setTitle] = useState('');
  const [method, setMethod] = useState<VoteMethod>('show_of_hands');
  const ids = { subject: useId(), title: useId(), method: useId() };

  async function open() {
    const parsed = (await meetingSchemas()).openVoteSchema.safeParse({ meetingId, subject, title, method });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const result = await op.run(() => operationAction('openVote', parsed.data));
    if (result?.ok) setTitle('');
  }

  return (
    <form
      className="form vote-open-form"
      data-testid="vote-open-form"
      onSubmit={(event) => {
        event.preventDefault();
        void open();
      }}
    >
      <h3>{t('votes.openTitle')}</h3>
      <div className="field">
        <label htmlFor={ids.subject}>{t('votes.subjectLabel')}</label>
        <select
          id={ids.subject}
          value={subject}
          onChange={(e) => setSubject(e.target.value as VoteSubject)}
          data-testid="vote-subject"
        >
          {VOTE_SUBJECTS.map((value) => (
            <option key={value} value={value}>
              {t(`votes.subject.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.title}>{t('votes.titleLabel')}</label>
        <span className="field__hint">{t('votes.titleHint')}</span>
        <input
          id={ids.title}
          type="text"
          value={title}
          maxLength={300}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={op.fields.title ? true : undefined}
          data-testid="vote-title"
        />
        <OperationError message={op.fields.title ?? null} testId="vote-title-error" />
      </div>
      <div className="field">
        <label htmlFor={ids.method}>{t('votes.methodLabel')}</label>
        <select
          id={ids.method}
          value={method}
          onChange={(e) => setMethod(e.target.value as VoteMethod)}
          data-testid="vote-method"
        >
          {VOTE_METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`votes.method.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <OperationError message={op.fields.title ? null : op.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="vote-open">
          {t('votes.open')}
        </button>
      </div>
    </form>
  );
}
