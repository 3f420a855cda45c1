import { z } from 'zod';
import type { FormState } from '../../lib/form-state';
import type { I18n } from '../i18n';
import { fieldError } from './forms';
import { getCurrent, type Current } from './session';

const idSchema = z.string().uuid();

/**
 * The signed-in user for a server action, or the form state that refuses it.
 * Actions are public POST endpoints: each one asks again, whatever the page
 * that rendered the form already checked.
 */
export async function actionCurrent(i18n: I18n, values: Record<string, string>): Promise<Current | FormState> {
  const current = await getCurrent();
  return current ?? fieldError(i18n, '_', 'signed_out', values);
}

export function isFormState(value: Current | FormState): value is FormState {
  return 'status' in value;
}

/** True for a well-formed id; anything else cannot name a row and is refused early. */
export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}
