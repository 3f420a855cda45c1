'use server';

import type { FormState } from '../../../lib/form-state';
import { getI18n } from '../../../server/i18n';
import { formOperation, readForm } from '../../../server/web/forms';
import { publicOrigin } from '../../../server/web/origin';

/**
 * Sends a member their one-time password link by email (or into the outbox):
 * the same people and the same confirmation for a reset as a link shown on
 * screen, and the manager never sees the link.
 */
export async function sendInviteEmailAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const { reset } = readForm(formData, ['reset']);
  const input = { userId, reset: reset === 'true', origin: await publicOrigin() };
  const result = await formOperation(i18n, 'sendInviteEmail', input, {});
  if (!result.ok) return result.state;
  const { t } = i18n;
  const name = result.data.name;
  return {
    status: 'success',
    errors: {},
    values: {},
    message: result.data.transport === 'outbox' ? t('mail.inviteKept', { name }) : t('mail.inviteSent', { name }),
  };
}
