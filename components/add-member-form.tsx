'use client';

import { useActionState } from 'react';
import { MEMBER_ROLES, MEMBER_STATUSES } from '../lib/domain';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { FormMessage, SelectField, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function AddMemberForm({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="add-member-form" noValidate>
      <FormMessage state={state} />
      <TextField name="name" label={t('fields.fullName')} state={state} autoComplete="off" required />
      <TextField name="email" type="email" label={t('fields.email')} state={state} autoComplete="off" required />
      <div className="form-row">
        <SelectField
          name="role"
          label={t('fields.role')}
          state={state}
          defaultValue="member"
          options={MEMBER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <SelectField
          name="status"
          label={t('fields.memberStatus')}
          state={state}
          defaultValue="full"
          options={MEMBER_STATUSES.map((status) => ({ value: status, label: t(`memberStatus.${status}`) }))}
        />
      </div>
      <div className="form-actions">
        <SubmitButton label={t('members.add')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
