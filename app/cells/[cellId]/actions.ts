'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '../../../lib/form-state';
import { getI18n } from '../../../server/i18n';
import { formOperation, readForm } from '../../../server/web/forms';
import { qrDataUrl } from '../../../server/sharing/qr';
import { publicOrigin } from '../../../server/web/origin';

/** Adds a person to the cell; a new email becomes an account of the cell without a password (invited later). */
export async function addMemberAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['name', 'email', 'role', 'status']);
  const result = await formOperation(i18n, 'addMember', { cellId, ...values }, values);
  if (!result.ok) return result.state;
  refresh();
  return { status: 'success', errors: {}, values: {}, message: i18n.t('members.added', { name: result.data.name }) };
}

/**
 * A one-time link that sets a member's password: an invite, or for a member
 * who has a password a reset link, which the form asks for only after the
 * manager confirmed (`reset`). Only for accounts the policy lets this cell's
 * managers handle (those the cell created).
 */
export async function createInviteAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const { reset } = readForm(formData, ['reset']);
  const result = await formOperation(i18n, 'createInvite', { userId, reset: reset === 'true' }, {});
  if (!result.ok) return result.state;
  const link = `${await publicOrigin()}/invite/${result.data.token}`;
  return {
    status: 'success',
    errors: {},
    values: {},
    data: { link, expiresAt: result.data.expiresAt, purpose: result.data.purpose, qr: await qrDataUrl(link) },
  };
}

/** Schedules a meeting; its minutes start from the kind's template. */
export async function createMeetingAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['kind', 'startsAt', 'place', 'title', 'topic', 'classification', 'sameMonth']);
  const { sameMonth, ...fields } = values;
  const input = {
    cellId,
    ...fields,
    title: values.title.trim() || undefined,
    // Only thematic and combined meetings have a topic; the field is not shown for other kinds.
    topic: ['thematic', 'combined'].includes(values.kind) ? values.topic.trim() || undefined : undefined,
    classification: values.classification || undefined,
    sameMonthConfirmed: sameMonth === 'yes' || undefined,
  };
  const result = await formOperation(i18n, 'createMeeting', input, values);
  if (!result.ok) return result.state;
  redirect(`/meetings/${result.data.meetingId}`);
}
