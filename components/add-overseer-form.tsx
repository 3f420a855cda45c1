'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { FormMessage, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Lets a cấp ủy viên phụ trách read the cell's approved minutes, by the email of their account. */
export function AddOverseerForm({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="add-overseer-form" noValidate>
      <FormMessage state={state} />
      <TextField
        name="email"
        type="email"
        label={t('fields.email')}
        hint={t('overseers.hint')}
        state={state}
        required
      />
      <div className="form-actions">
        <SubmitButton label={t('overseers.add')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
