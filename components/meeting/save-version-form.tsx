'use client';

import { useId, useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { VERSION_LABEL_MAX } from '../../lib/meeting-limits';
import { meetingSchemas, refusalOf } from './form-check';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/** For the minutes-taker, the chair and the cell's managers while the minutes are written: keep them as they stand. */
export function SaveVersionForm({ meetingId }: { meetingId: string }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [label, setLabel] = useState('');
  const [saved, setSaved] = useState(false);
  const field = useId();

  async function submit() {
    setSaved(false);
    const parsed = (await meetingSchemas()).saveVersionSchema.safeParse({ meetingId, label });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const result = await op.run(() => operationAction('saveVersion', parsed.data));
    if (result?.ok) {
      setLabel('');
      setSaved(true);
    }
  }

  return (
    <form
      className="form"
      data-testid="save-version-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={field}>{t('versions.label')}</label>
        <span className="field__hint">{t('versions.saveHint')}</span>
        <input
          id={field}
          type="text"
          maxLength={VERSION_LABEL_MAX}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          aria-invalid={op.fields.label ? true : undefined}
          data-testid="version-label-input"
        />
      </div>
      <OperationError message={op.error} />
      {saved && (
        <p className="notice notice--success" role="status" data-testid="version-saved">
          {t('versions.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={op.pending} data-testid="version-save">
          {t('versions.save')}
        </button>
      </div>
    </form>
  );
}
