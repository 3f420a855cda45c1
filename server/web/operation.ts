import { refresh } from 'next/cache';
import type { ActionResult } from '../../lib/action-result';
import { errorKey } from '../../lib/i18n';
import { isAppError } from '../errors';
import { getI18n } from '../i18n';
import { log } from '../log';
import { isOperationName, refreshesPage, type OperationName, type OperationOutput } from '../operations';
import type { Caller } from '../operations/define';
import { getRuntime } from '../runtime';
import { requestAddress } from './request-address';
import { getCurrent } from './session';

/** The signed-in caller of this request with their address, or null. */
export async function currentCaller(): Promise<Caller | null> {
  const current = await getCurrent();
  return current ? { user: current.user, address: await requestAddress() } : null;
}

/**
 * Runs one operation for the signed-in user and turns its outcome into a
 * translated result with a stable code. The operation parses its input and
 * asks the policy; this supplies the caller and the words, and re-renders the
 * page when the operation changed something the page shows.
 */
export async function performOperation<N extends OperationName>(
  name: N,
  input: () => unknown,
): Promise<ActionResult<OperationOutput<N>>> {
  const i18n = await getI18n();
  if (!isOperationName(name)) return { ok: false, code: 'unknown_operation', error: i18n.t('errors.unexpected') };
  const caller = await currentCaller();
  if (!caller) return { ok: false, code: 'signed_out', error: i18n.t('errors.signed_out') };
  try {
    const data = await getRuntime().meetings.run(name, caller, await input());
    if (refreshesPage(name)) refresh();
    return { ok: true, data };
  } catch (error) {
    if (!isAppError(error)) {
      log.error('operation_failed', {
        name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return { ok: false, code: 'unexpected', error: i18n.t('errors.unexpected') };
    }
    const fields: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.details ?? {}))
      fields[field] = i18n.t(errorKey(i18n.messages, code, 'invalid_input'));
    // An input refusal names its first field's problem, so a form without that field still says why.
    const first = Object.values(fields)[0];
    const message = error.code === 'invalid_input' && first ? first : i18n.t(errorKey(i18n.messages, error.code));
    return { ok: false, code: error.code, error: message, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
  }
}
