import type { z } from 'zod';
import { errorKey } from '../../lib/i18n';
import type { FormState } from '../../lib/form-state';
import { fieldErrors } from '../../lib/schemas';
import { isAppError } from '../errors';
import { log } from '../log';
import type { I18n } from '../i18n';

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
  return { status: 'error', errors, values };
}

/** One translated error on one field (or "_" for the whole form). */
export function fieldError(i18n: I18n, field: string, code: string, values: Record<string, string>): FormState {
  return { status: 'error', errors: { [field]: i18n.t(errorKey(i18n.messages, code)) }, values };
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
  if (isAppError(error)) return fieldError(i18n, FIELD_OF_CODE[error.code] ?? '_', error.code, values);
  log.error('form_action_failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return fieldError(i18n, '_', 'unexpected', values);
}
