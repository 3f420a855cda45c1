'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { FormMessage, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * `login` (the account's email, or its phone) names the account for password
 * managers, which save the new password under it; `submitLabel` says whether
 * it is a first password or a new one.
 */
export function InviteForm({ action, login, submitLabel }: { action: Action; login: string; submitLabel: string }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form card" data-testid="invite-form" noValidate>
      <FormMessage state={state} />
      <input type="text" name="username" autoComplete="username" value={login} readOnly hidden />
      <TextField
        name="password"
        type="password"
        label={t('fields.newPassword')}
        hint={t('fields.passwordHint')}
        state={state}
        autoComplete="new-password"
        required
      />
      <TextField
        name="passwordConfirm"
        type="password"
        label={t('fields.passwordConfirm')}
        state={state}
        autoComplete="new-password"
        required
      />
      <div className="form-actions">
        <SubmitButton label={submitLabel} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
