import { refresh } from 'next/cache';
import type { ActionResult } from '../../lib/action-result';
import { errorKey } from '../../lib/i18n';
import { isAppError } from '../errors';
import { getI18n } from '../i18n';
import { log } from '../log';
import type { SessionUser } from '../services/accounts';
import { getCurrent } from './session';

/**
 * Runs one meeting operation for the signed-in user and turns its outcome into
 * a translated result. Operations check input and permissions themselves;
 * this only supplies the user and the words. `refresh` re-renders the page
 * when the operation changed something the server renders (state, roles,
 * records), not only the live document.
 */
export async function runOperation<T>(
  name: string,
  operation: (user: SessionUser) => Promise<T>,
  options: { refresh?: boolean } = {},
): Promise<ActionResult<T>> {
  const i18n = await getI18n();
  const current = await getCurrent();
  if (!current) return { ok: false, error: i18n.t('errors.signed_out') };
  try {
    const data = await operation(current.user);
    if (options.refresh) refresh();
    return { ok: true, data };
  } catch (error) {
    if (!isAppError(error)) {
      log.error('meeting_action_failed', {
        name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return { ok: false, error: i18n.t('errors.unexpected') };
    }
    const fields: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.details ?? {}))
      fields[field] = i18n.t(errorKey(i18n.messages, code, 'invalid_input'));
    // An input refusal names its first field's problem, so a form without that field still says why.
    const first = Object.values(fields)[0];
    const message = error.code === 'invalid_input' && first ? first : i18n.t(errorKey(i18n.messages, error.code));
    return { ok: false, error: message, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
  }
}
