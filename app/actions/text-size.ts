'use server';

import { cookies } from 'next/headers';
import { refresh } from 'next/cache';
import { TEXT_SIZE_COOKIE, TEXT_SIZE_COOKIE_MAX_AGE_S, isTextSize } from '../../lib/text-size';
import { performOperation } from '../../server/web/operation';
import { getCurrent } from '../../server/web/session';

/**
 * The header's "Chữ lớn" switch. The cookie lets the next page be drawn at
 * the chosen size from its first paint, signed in or not; for a signed-in
 * user the account keeps it too (through the operation and its policy), so
 * it follows them to another phone.
 */
export async function setTextSizeAction(formData: FormData): Promise<void> {
  const size = formData.get('textSize');
  if (!isTextSize(size)) return;
  (await cookies()).set(TEXT_SIZE_COOKIE, size, { path: '/', maxAge: TEXT_SIZE_COOKIE_MAX_AGE_S, sameSite: 'lax' });
  if (await getCurrent()) await performOperation('setLargeText', () => ({ on: size === 'large' }));
  refresh();
}
