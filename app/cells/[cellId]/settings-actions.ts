'use server';

import { refresh } from 'next/cache';
import type { FormState } from '../../../lib/form-state';
import { getI18n } from '../../../server/i18n';
import { formOperation, readForm } from '../../../server/web/forms';

/** The cell's rules: which base and threshold decide a vote, and after how many absences a member is flagged. */
export async function saveCellSettingsAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['voteBase', 'voteThreshold', 'absenceStreak']);
  const result = await formOperation(i18n, 'saveCellSettings', { cellId, ...values }, values);
  if (!result.ok) return result.state;
  refresh();
  return { status: 'success', errors: {}, values, message: i18n.t('cellSettings.saved') };
}

/** Attaches an overseer from the parent committee, by the email of their account. */
export async function addOverseerAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['email']);
  const result = await formOperation(i18n, 'addOverseer', { cellId, ...values }, values);
  if (!result.ok) return result.state;
  refresh();
  return {
    status: 'success',
    errors: {},
    values: {},
    message: i18n.t('overseers.added', { email: values.email.trim().toLowerCase() }),
  };
}

/** Detaches an overseer from the cell. */
export async function removeOverseerAction(
  cellId: string,
  userId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const i18n = await getI18n();
  const result = await formOperation(i18n, 'removeOverseer', { cellId, userId }, {});
  if (!result.ok) return result.state;
  refresh();
  return { status: 'success', errors: {}, values: {} };
}
