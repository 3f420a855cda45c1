'use client';

import { useActionState } from 'react';
import { MEETING_KINDS } from '../lib/domain';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { FormMessage, SelectField, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function CreateMeetingForm({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="create-meeting-form" noValidate>
      <FormMessage state={state} />
      <SelectField
        name="kind"
        label={t('fields.meetingKind')}
        state={state}
        defaultValue="regular"
        options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetingKind.${kind}`) }))}
      />
      <TextField name="startsAt" type="datetime-local" label={t('fields.startsAt')} state={state} required />
      <TextField name="place" label={t('fields.place')} hint={t('meetings.placeHint')} state={state} required />
      <TextField name="title" label={t('fields.titleOptional')} hint={t('meetings.titleHint')} state={state} />
      <div className="form-actions">
        <SubmitButton label={t('meetings.create')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
