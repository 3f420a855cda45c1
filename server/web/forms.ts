import type { z } from 'zod';
import { errorKey } from '../../lib/i18n';
import type { FormState } from '../../lib/form-state';
import { fieldErrors } from '../../lib/schemas';
import { isAppError } from '../errors';
import { log } from '../log';
import type { I18n } from '../i18n';
import type { OperationName, OperationOutput } from '../operations';
import { getRuntime } from '../runtime';
import { currentCaller } from './operation';

/** The named text fields of a submitted form; a missing or file field reads as "". */
export function readForm<K extends string>(formData: FormData, fields: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const field of fields) {
    const value = formData.get(field);
    out[field] = typeof value === 'string' ? value : '';
  }
  return out;
}

/** A refused submission: zod issues as translated messages per field. */
export function invalidForm(i18n: I18n, error: z.ZodError, values: Record<string, string>): FormState {
  const errors: Record<string, string> = {};
  for (const [field, code] of Object.entries(fieldErrors(error)))
    errors[field] = i18n.t(errorKey(i18n.messages, code, 'invalid_input'));
  return { status: 'error', code: 'invalid_input', errors, values };
}

/** One translated error on one field (or "_" for the whole form), with its code. */
export function fieldError(i18n: I18n, field: string, code: string, values: Record<string, string>): FormState {
  return { status: 'error', code, errors: { [field]: i18n.t(errorKey(i18n.messages, code)) }, values };
}

/** Service errors that belong next to one input rather than above the form. */
const FIELD_OF_CODE: Record<string, string> = {
  email_taken: 'email',
  already_member: 'email',
  committee_not_found: 'committeeId',
};

/**
 * Turns a service failure into a form state. Known AppErrors become their
 * translated message; anything else is logged and shown as a generic failure
 * so no internals reach the browser.
 */
export function failedForm(i18n: I18n, error: unknown, values: Record<string, string>): FormState {
  if (isAppError(error) && error.code === 'invalid_input' && error.details) {
    const errors: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.details))
      errors[field] = i18n.t(errorKey(i18n.messages, code, 'invalid_input'));
    return { status: 'error', code: error.code, errors, values };
  }
  if (isAppError(error)) return fieldError(i18n, FIELD_OF_CODE[error.code] ?? '_', error.code, values);
  log.error('form_action_failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return fieldError(i18n, '_', 'unexpected', values);
}

/**
 * Runs an operation for a form's server action: the signed-in caller, the
 * operation's own schema and policy check, and any refusal as the form's
 * state (translated, with its code).
 */
export async function formOperation<N extends OperationName>(
  i18n: I18n,
  name: N,
  input: unknown,
  values: Record<string, string>,
): Promise<{ ok: true; data: OperationOutput<N> } | { ok: false; state: FormState }> {
  const caller = await currentCaller();
  if (!caller) return { ok: false, state: fieldError(i18n, '_', 'signed_out', values) };
  try {
    return { ok: true, data: await getRuntime().meetings.run(name, caller, input) };
  } catch (error) {
    return { ok: false, state: failedForm(i18n, error, values) };
  }
}
