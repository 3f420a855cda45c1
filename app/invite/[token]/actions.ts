'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '../../../lib/form-state';
import { inviteRedeemSchema } from '../../../lib/schemas';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { failedForm, invalidForm, readForm } from '../../../server/web/forms';
import { checkPasswordConfirm } from '../../../server/web/passwords';

/** Sets the invitee's password and spends the link, then sends them to sign in. */
export async function redeemInviteAction(token: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const { password, passwordConfirm } = readForm(formData, ['password', 'passwordConfirm']);
  const parsed = inviteRedeemSchema.safeParse({ token, password });
  const state = parsed.success
    ? { status: 'error' as const, errors: {}, values: {} }
    : invalidForm(i18n, parsed.error, {});
  // A malformed token is the link's fault, not the password's: say so above the form.
  const errors = { ...state.errors };
  if (errors.token) {
    errors._ = errors.token;
    delete errors.token;
  }
  const allErrors = checkPasswordConfirm(i18n, errors, password, passwordConfirm);
  if (!parsed.success || Object.keys(allErrors).length > 0) return { ...state, errors: allErrors };

  try {
    await getRuntime().services.accounts.redeemInvite(parsed.data.token, parsed.data.password);
  } catch (error) {
    return failedForm(i18n, error, {});
  }
  redirect('/signin?notice=invited');
}
