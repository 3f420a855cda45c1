'use server';

import { formatInstant } from '../../lib/format';
import type { FormState } from '../../lib/form-state';
import { canSeeMeeting } from '../../lib/policy';
import { isAppError } from '../../server/errors';
import { sealHashSchema, VERIFY_MAX_BYTES } from '../../lib/export';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { actionCurrent, isFormState } from '../../server/web/action-guard';

/**
 * Checks a pasted seal hash or an uploaded file (minutes, or a resolution
 * drawn from them) against the sealed minutes.
 * The answer (matches / does not match / unknown) is for any signed-in user:
 * whoever holds the file holds its text already. The meeting's title is
 * named only to those who may see the meeting.
 */
export async function verifyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const { t } = i18n;
  const hash = String(formData.get('hash') ?? '').trim();
  const file = formData.get('file');
  const values = { hash };
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  const hasFile = file instanceof File && file.size > 0;
  if (!hash && !hasFile) return { status: 'error', code: 'required', errors: { _: t('verify.needInput') }, values };
  if (!hasFile && !sealHashSchema.safeParse(hash).success)
    return { status: 'error', code: 'bad_hash', errors: { hash: t('verify.badHash') }, values };
  if (hasFile && file.size > VERIFY_MAX_BYTES)
    return { status: 'error', code: 'bad_file', errors: { file: t('verify.badFile') }, values };
  const runtime = getRuntime();
  let result;
  try {
    result = await runtime.meetings.exports.verify(
      hasFile ? { file: new Uint8Array(await file.arrayBuffer()) } : { hash },
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid_input')
      return { status: 'error', code: 'bad_file', errors: { file: t('verify.badFile') }, values };
    throw error;
  }
  const data: Record<string, string> = { result: result.result };
  const resolution = result.document === 'resolution';
  if (resolution) data.document = t('verify.resolutionNote');
  if (result.reason) data.reason = t(`verify.reason.${result.reason}`);
  if (result.meeting) {
    const found = await runtime.services.meetings.getMeetingWithResource(result.meeting.id);
    const subject = current.subject;
    if (found && canSeeMeeting(subject, found.resource)) {
      data.meeting = t('verify.meeting', { title: result.meeting.title });
      data.meetingId = result.meeting.id;
    }
    if (result.meeting.approvedAt)
      data.sealedAt = t('verify.sealedAt', {
        time: formatInstant(result.meeting.approvedAt, i18n.locale, i18n.timeZone),
      });
  }
  return {
    status: result.result === 'matches' ? 'success' : 'error',
    code: result.result,
    errors: {},
    message: t(resolution && result.result === 'matches' ? 'verify.matchesResolution' : `verify.${result.result}`),
    values,
    data,
  };
}
