'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '../../lib/form-state';
import { setupSchema } from '../../lib/schemas';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { failedForm, fieldError, invalidForm, readForm } from '../../server/web/forms';
import { checkPasswordConfirm } from '../../server/web/passwords';

const FIELDS = ['adminName', 'email', 'committeeName', 'cellName'] as const;

/** First-run setup: the administrator, the đảng bộ and its first chi bộ, all or nothing. */
export async function completeSetupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, FIELDS);
  const { password, passwordConfirm } = readForm(formData, ['password', 'passwordConfirm']);
  const { organisations } = getRuntime().services;
  if (await organisations.isSetupComplete()) return fieldError(i18n, '_', 'setup_closed', values);

  const parsed = setupSchema.safeParse({ ...values, password });
  const state = parsed.success
    ? { status: 'error' as const, errors: {}, values }
    : invalidForm(i18n, parsed.error, values);
  const errors = checkPasswordConfirm(i18n, state.errors, password, passwordConfirm);
  if (!parsed.success || Object.keys(errors).length > 0) return { ...state, errors };

  try {
    // The service refuses a second setup (conflict 'setup_closed') even when two run at once.
    await organisations.completeSetup(parsed.data);
  } catch (error) {
    return failedForm(i18n, error, values);
  }
  redirect('/signin?notice=setup');
}
