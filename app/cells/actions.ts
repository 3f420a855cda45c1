'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '../../lib/form-state';
import { getI18n } from '../../server/i18n';
import { formOperation, readForm } from '../../server/web/forms';

/** Administrators add a chi bộ under a đảng bộ. */
export async function createCellAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const i18n = await getI18n();
  const values = readForm(formData, ['committeeId', 'name']);
  const result = await formOperation(i18n, 'createCell', values, values);
  if (!result.ok) return result.state;
  // The header lists the user's cells: re-render the layout, not only the page.
  revalidatePath('/', 'layout');
  redirect(`/cells/${result.data.cellId}`);
}
