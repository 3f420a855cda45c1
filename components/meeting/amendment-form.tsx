'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import { meetingSchemas, refusalOf } from './form-check';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/** Appends a dated correction under sealed minutes; the minutes stay exactly as approved. */
export function AmendmentForm({ meetingId }: { meetingId: string }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [body, setBody] = useState('');
  const [added, setAdded] = useState(false);
  const bodyId = useId();

  async function submit() {
    setAdded(false);
    const parsed = (await meetingSchemas()).amendmentSchema.safeParse({ meetingId, body });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const result = await op.run(() => operationAction('amend', parsed.data));
    if (result?.ok) {
      setBody('');
      setAdded(true);
    }
  }

  return (
    <form
      className="form"
      data-testid="amendment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={bodyId}>{t('amendments.body')}</label>
        <span className="field__hint">{t('amendments.hint')}</span>
        <textarea
          id={bodyId}
          rows={4}
          maxLength={10_000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={op.fields.body ? true : undefined}
          data-testid="amendment-body"
        />
      </div>
      <OperationError message={op.error} />
      {added && (
        <p className="notice notice--success" role="status" data-testid="amendment-added">
          {t('amendments.added')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="amendment-submit">
          {t('amendments.submit')}
        </button>
      </div>
    </form>
  );
}
