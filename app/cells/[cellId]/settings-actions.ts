'use server';

import { refresh } from 'next/cache';
import type { FormState } from '../../../lib/form-state';
import { cellSettingsSchema, oversightSchema } from '../../../lib/meeting-schemas';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { actionCurrent, isFormState } from '../../../server/web/action-guard';
import { failedForm, invalidForm, readForm } from '../../../server/web/forms';

/** The cell's rules: which base and threshold decide a vote, and after how many absences a member is flagged. */
export async function saveCellSettingsAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['voteBase', 'voteThreshold', 'absenceStreak']);
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  const parsed = cellSettingsSchema.safeParse({ cellId, ...values });
  if (!parsed.success) return invalidForm(i18n, parsed.error, values);
  try {
    await getRuntime().meetings.followUp.saveCellSettings(current.user, parsed.data);
  } catch (error) {
    return failedForm(i18n, error, values);
  }
  refresh();
  return { status: 'success', errors: {}, values, message: i18n.t('cellSettings.saved') };
}

/** Attaches an overseer from the parent committee, by the email of their account. */
export async function addOverseerAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['email']);
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  const parsed = oversightSchema.safeParse({ cellId, ...values });
  if (!parsed.success) return invalidForm(i18n, parsed.error, values);
  try {
    await getRuntime().meetings.followUp.addOverseer(current.user, parsed.data);
  } catch (error) {
    return failedForm(i18n, error, values);
  }
  refresh();
  return {
    status: 'success',
    errors: {},
    values: {},
    message: i18n.t('overseers.added', { email: parsed.data.email }),
  };
}

/** Detaches an overseer from the cell. */
export async function removeOverseerAction(cellId: string, userId: string): Promise<void> {
  const i18n = await getI18n();
  const current = await actionCurrent(i18n, {});
  if (isFormState(current)) return;
  await getRuntime().meetings.followUp.removeOverseer(current.user, { cellId, userId });
  refresh();
}
