'use server';

import type { FormState } from '../../../lib/form-state';
import { getI18n } from '../../../server/i18n';
import { formOperation } from '../../../server/web/forms';
import { publicOrigin } from '../../../server/web/origin';

/** Sends the meeting's notice to its members by email (or into the outbox); the cell's managers only. */
export async function sendMeetingNoticeAction(
  meetingId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const i18n = await getI18n();
  const result = await formOperation(i18n, 'sendMeetingNotice', { meetingId, origin: await publicOrigin() }, {});
  if (!result.ok) return result.state;
  const { count, transport } = result.data;
  const message =
    count === 0
      ? i18n.t('notice.noRecipients')
      : transport === 'outbox'
        ? i18n.t('notice.kept', { count })
        : i18n.t('notice.sent', { count });
  return { status: 'success', errors: {}, values: {}, message };
}
