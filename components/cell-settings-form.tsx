'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { VOTE_BASES, VOTE_THRESHOLDS, type VoteBase, type VoteThreshold } from '../lib/rules/votes';
import { FormMessage, SelectField, SubmitButton, TextField } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * The cell's rules. Which base and threshold decide a vote differ between
 * party bodies, so the cell sets them; results already recorded keep the rule
 * they were measured by.
 */
export function CellSettingsForm({
  action,
  current,
}: {
  action: Action;
  current: { voteBase: VoteBase; voteThreshold: VoteThreshold; absenceStreak: number };
}) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="form" data-testid="cell-settings-form" noValidate>
      <FormMessage state={state} />
      <SelectField
        name="voteBase"
        label={t('cellSettings.voteBase')}
        hint={t('cellSettings.voteBaseHint')}
        state={state}
        defaultValue={current.voteBase}
        options={VOTE_BASES.map((value) => ({ value, label: t(`cellSettings.base.${value}`) }))}
      />
      <SelectField
        name="voteThreshold"
        label={t('cellSettings.voteThreshold')}
        state={state}
        defaultValue={current.voteThreshold}
        options={VOTE_THRESHOLDS.map((value) => ({ value, label: t(`votes.threshold.${value}`) }))}
      />
      <TextField
        name="absenceStreak"
        type="number"
        inputMode="numeric"
        min={2}
        max={12}
        label={t('cellSettings.absenceStreak')}
        hint={t('cellSettings.absenceStreakHint')}
        state={state}
        defaultValue={String(current.absenceStreak)}
      />
      <div className="form-actions">
        <SubmitButton label={t('cellSettings.save')} pendingLabel={t('forms.saving')} />
      </div>
    </form>
  );
}
