'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '../../lib/form-state';
import { cellSchema } from '../../lib/schemas';
import { canManageOrganisations } from '../../server/auth/policy';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { actionCurrent, isFormState } from '../../server/web/action-guard';
import { failedForm, fieldError, invalidForm, readForm } from '../../server/web/forms';

/** Administrators add a chi bộ under a đảng bộ. */
export async function createCellAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['committeeId', 'name']);
  const current = await actionCurrent(i18n, values);
  if (isFormState(current)) return current;
  if (!canManageOrganisations(current.subject)) return fieldError(i18n, '_', 'forbidden', values);

  const parsed = cellSchema.safeParse(values);
  if (!parsed.success) return invalidForm(i18n, parsed.error, values);
  let cellId: string;
  try {
    cellId = (await getRuntime().services.organisations.createCell(parsed.data.committeeId, parsed.data.name)).id;
  } catch (error) {
    return failedForm(i18n, error, values);
  }
  // The header lists the user's cells: re-render the layout, not only the page.
  revalidatePath('/', 'layout');
  redirect(`/cells/${cellId}`);
}
