'use client';

import { useActionState } from 'react';
import { completeSetupAction } from '../app/setup/actions';
import { INITIAL_FORM_STATE } from '../lib/form-state';
import { FormMessage, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

export function SetupForm() {
  const { t } = useI18n();
  const [state, formAction] = useActionState(completeSetupAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="setup-form" noValidate>
      <FormMessage state={state} />
      <fieldset className="card">
        <legend>
          <h2>{t('setup.adminSection')}</h2>
        </legend>
        <div className="form">
          <TextField name="adminName" label={t('setup.adminName')} state={state} autoComplete="name" required />
          <TextField name="email" type="email" label={t('fields.email')} state={state} autoComplete="email" required />
          <TextField
            name="password"
            type="password"
            label={t('fields.password')}
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
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('setup.organisationSection')}</h2>
        </legend>
        <div className="form">
          <TextField
            name="committeeName"
            label={t('setup.committeeName')}
            hint={t('setup.committeeHint')}
            state={state}
            required
          />
          <TextField name="cellName" label={t('setup.cellName')} hint={t('setup.cellHint')} state={state} required />
        </div>
      </fieldset>
      <div className="form-actions">
        <SubmitButton label={t('setup.submit')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
