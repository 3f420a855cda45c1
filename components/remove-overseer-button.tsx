'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { SubmitButton } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Detaches an overseer from the cell, saying why if it was refused. */
export function RemoveOverseerButton({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="inline-form">
      <SubmitButton
        label={t('overseers.remove')}
        pendingLabel={t('forms.saving')}
        className="button button--secondary"
        testId="overseer-remove"
      />
      {state.errors._ && (
        <p className="field__error" role="alert">
          {state.errors._}
        </p>
      )}
    </form>
  );
}
