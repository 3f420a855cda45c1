'use client';

import { useActionState } from 'react';
import { createCellAction } from '../app/cells/actions';
import { INITIAL_FORM_STATE } from '../lib/form-state';
import { FormMessage, SelectField, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

/** Administrators only: a new chi bộ under one of the đảng bộ. */
export function CreateCellForm({
  committees,
  defaultCommitteeId,
}: {
  committees: { id: string; name: string }[];
  defaultCommitteeId?: string;
}) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(createCellAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="create-cell-form" noValidate>
      <FormMessage state={state} />
      <SelectField
        name="committeeId"
        label={t('fields.committee')}
        state={state}
        defaultValue={defaultCommitteeId}
        options={committees.map((c) => ({ value: c.id, label: c.name }))}
      />
      <TextField name="name" label={t('fields.cellName')} hint={t('setup.cellHint')} state={state} required />
      <div className="form-actions">
        <SubmitButton label={t('cells.create')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
