'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '../../../lib/form-state';
import { meetingSchema, memberSchema } from '../../../lib/schemas';
import { canManageCell } from '../../../server/auth/policy';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { actionCurrent, isFormState, isId } from '../../../server/web/action-guard';
import { failedForm, fieldError, invalidForm, readForm } from '../../../server/web/forms';
import { publicOrigin } from '../../../server/web/origin';

/** Adds a person to the cell; a new email becomes a user without a password (invited later). */
export async function addMemberAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['name', 'email', 'role', 'status']);
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  if (!isId(cellId) || !canManageCell(current.subject, cellId)) return fieldError(i18n, '_', 'forbidden', values);

  const parsed = memberSchema.safeParse(values);
  if (!parsed.success) return invalidForm(i18n, parsed.error, values);
  try {
    const member = await getRuntime().services.organisations.addMember(cellId, parsed.data);
    refresh();
    return { status: 'success', errors: {}, values: {}, message: i18n.t('members.added', { name: member.name }) };
  } catch (error) {
    return failedForm(i18n, error, values);
  }
}

/**
 * A one-time link for a member who has no password yet. Members who already
 * set one are refused: an invite sets a password, and a cell manager must not
 * be able to take over someone's account with it.
 */
export async function createInviteAction(
  cellId: string,
  userId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const i18n = await getI18n();
  const current = await actionCurrent(i18n, {});
  if (isFormState(current)) return current;
  if (!isId(cellId) || !isId(userId) || !canManageCell(current.subject, cellId))
    return fieldError(i18n, '_', 'forbidden', {});

  const { organisations, accounts } = getRuntime().services;
  try {
    const member = await organisations.getMembership(cellId, userId);
    if (!member) return fieldError(i18n, '_', 'not_found', {});
    if (member.hasPassword) return fieldError(i18n, '_', 'password_already_set', {});
    const invite = await accounts.createInvite(userId, current.user.id);
    const link = `${await publicOrigin()}/invite/${invite.token}`;
    return { status: 'success', errors: {}, values: {}, data: { link, expiresAt: invite.expiresAt } };
  } catch (error) {
    return failedForm(i18n, error, {});
  }
}

/** Schedules a meeting; its minutes start from the kind's template. */
export async function createMeetingAction(cellId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['kind', 'startsAt', 'place', 'title', 'topic', 'classification']);
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  if (!isId(cellId) || !canManageCell(current.subject, cellId)) return fieldError(i18n, '_', 'forbidden', values);

  const parsed = meetingSchema.safeParse({
    ...values,
    title: values.title.trim() || undefined,
    // Only thematic and combined meetings have a topic; the field is not shown for other kinds.
    topic: ['thematic', 'combined'].includes(values.kind) ? values.topic.trim() || undefined : undefined,
    classification: values.classification || undefined,
  });
  if (!parsed.success) return invalidForm(i18n, parsed.error, values);
  let meetingId: string;
  try {
    meetingId = (await getRuntime().services.meetings.createMeeting(cellId, parsed.data, current.user.id)).id;
  } catch (error) {
    return failedForm(i18n, error, values);
  }
  redirect(`/meetings/${meetingId}`);
}
