import type { I18n } from '../i18n';
import { errorKey } from '../../lib/i18n';

/**
 * Adds a "passwords differ" error to a form's field errors. Checked next to
 * the schema rather than inside it, so both problems are shown at once.
 */
export function checkPasswordConfirm(
  i18n: I18n,
  errors: Record<string, string>,
  password: string,
  confirm: string,
): Record<string, string> {
  if (password === confirm || errors.password) return errors;
  return { ...errors, passwordConfirm: i18n.t(errorKey(i18n.messages, 'password_mismatch')) };
}
