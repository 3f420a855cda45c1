'use client';

import { useActionState, useState } from 'react';
import { MEETING_CLASSIFICATIONS, MEETING_KINDS } from '../lib/domain';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { FormMessage, SelectField, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Kinds whose meeting is held on a topic (chuyên đề). */
const TOPIC_KINDS = new Set(['thematic', 'combined']);

export function CreateMeetingForm({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [kind, setKind] = useState(state.values.kind ?? 'regular');
  const [classification, setClassification] = useState(state.values.classification ?? 'normal');
  return (
    <form
      action={formAction}
      className="form"
      data-testid="create-meeting-form"
      noValidate
      // The topic field and the secrecy warning follow the choices as they are made.
      onChange={(event) => {
        const target = event.target as unknown as HTMLSelectElement;
        if (target.name === 'kind') setKind(target.value);
        if (target.name === 'classification') setClassification(target.value);
      }}
    >
      <FormMessage state={state} />
      <SelectField
        name="kind"
        label={t('fields.meetingKind')}
        state={state}
        defaultValue="regular"
        options={MEETING_KINDS.map((value) => ({ value, label: t(`meetingKind.${value}`) }))}
      />
      {TOPIC_KINDS.has(kind) && (
        <TextField name="topic" label={t('fields.topic')} hint={t('meetings.topicHint')} state={state} />
      )}
      <TextField name="startsAt" type="datetime-local" label={t('fields.startsAt')} state={state} required />
      <TextField name="place" label={t('fields.place')} hint={t('meetings.placeHint')} state={state} required />
      <TextField name="title" label={t('fields.titleOptional')} hint={t('meetings.titleHint')} state={state} />
      <SelectField
        name="classification"
        label={t('fields.classification')}
        state={state}
        defaultValue="normal"
        options={MEETING_CLASSIFICATIONS.map((value) => ({ value, label: t(`classification.${value}`) }))}
      />
      {classification === 'secret' && (
        <div className="notice notice--warning" role="alert" data-testid="secret-warning">
          <p>{t('classification.secretWarning')}</p>
        </div>
      )}
      {state.code === 'meeting_same_month' && (
        <label className="checkbox-field" data-testid="same-month-confirm">
          <input type="checkbox" name="sameMonth" value="yes" />
          <span>{t('meetings.sameMonthConfirm')}</span>
        </label>
      )}
      <div className="form-actions">
        <SubmitButton label={t('meetings.create')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
