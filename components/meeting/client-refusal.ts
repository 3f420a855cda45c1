import type { z } from 'zod';
import type { Translate } from '../../lib/i18n';
import { fieldErrors } from '../../lib/schemas';

export interface ClientRefusal {
  message: string;
  fields: Record<string, string>;
}

/**
 * A schema's refusal in words, before anything is sent: the same schema and
 * the same messages the server would answer with.
 */
export function describeRefusal(t: Translate, has: (key: string) => boolean, error: z.ZodError): ClientRefusal {
  const fields: Record<string, string> = {};
  for (const [field, code] of Object.entries(fieldErrors(error))) {
    fields[field] = t(has(`errors.${code}`) ? `errors.${code}` : 'errors.invalid_input');
  }
  return { message: Object.values(fields)[0] ?? t('errors.invalid_input'), fields };
}
